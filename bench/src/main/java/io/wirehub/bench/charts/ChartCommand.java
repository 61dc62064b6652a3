package io.wirehub.bench.charts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --charts RESULTS.json OUTDIR}: turns a side-by-side results file (written with
 * {@code --json}) into one SVG per scenario, and per curve and figure, in OUTDIR, and prints the
 * Markdown lines that embed them, ready to paste into docs/benchmarks.md.
 *
 * <pre>
 * java -jar bench/target/wirehub-bench.jar --charts results.json docs/bench
 * </pre>
 *
 * SVG rather than PNG: GitHub renders it in Markdown, it stays sharp at any zoom, and a new run
 * shows up in review as a readable text diff. The image paths are relative to OUTDIR's parent
 * ({@code bench/xyz.svg} for {@code docs/bench}), which is where docs/benchmarks.md lives.
 */
public final class ChartCommand {
    private static final String USAGE = "usage: --charts RESULTS.json OUTDIR";

    private ChartCommand() {
    }

    /** Called from SideBySide.main; a leading {@code --charts} is optional. */
    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.getFirst().equals("--charts")) {
            rest.removeFirst();
        }
        if (rest.size() != 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path results = Path.of(rest.get(0));
        if (!Files.isRegularFile(results)) {
            System.err.println("no such results file: " + results + " (" + USAGE + ")");
            System.exit(2);
        }
        List<Path> written = run(results, Path.of(rest.get(1)), System.out);
        System.err.println("wrote " + written.size() + " chart(s) to " + Path.of(rest.get(1)));
    }

    /**
     * Writes the charts and prints one Markdown image line per chart to {@code markdown}.
     *
     * @return the files written, in the order of the results file
     */
    static List<Path> run(Path resultsFile, Path outDir, PrintStream markdown) throws IOException {
        List<Chart> charts = charts(ResultsFile.read(resultsFile));
        Files.createDirectories(outDir);
        Path last = outDir.toAbsolutePath().normalize().getFileName();
        String prefix = last == null ? "" : last + "/";
        Slug slugs = new Slug();
        List<Path> written = new ArrayList<>();
        for (Chart chart : charts) {
            String file = slugs.unique(chart.title()) + ".svg";
            Path path = outDir.resolve(file);
            Files.writeString(path, chart.svg());
            written.add(path);
            markdown.println("![" + altText(chart.title()) + "](" + prefix + file + ")");
        }
        return written;
    }

    /**
     * One chart per scenario without a curve, and one per (curve, figure), in the order each first
     * appears in the file, so the charts come out in the order the runner ran the scenarios.
     */
    static List<Chart> charts(List<Result> results) {
        Map<List<String>, List<Result>> groups = new LinkedHashMap<>();
        for (Result result : results) {
            List<String> key = result.isCurvePoint()
                    ? List.of("curve", result.curve(), result.figure())
                    : List.of("scenario", result.scenario());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
        }
        List<Chart> charts = new ArrayList<>();
        groups.forEach((key, group) -> charts.add(key.getFirst().equals("curve")
                ? LineChart.of(key.get(1), key.get(2), group)
                : BarPanelChart.of(key.get(1), group)));
        return charts;
    }

    /** Brackets would end the alt text early; a backslash keeps them literal. */
    private static String altText(String title) {
        return title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }
}
