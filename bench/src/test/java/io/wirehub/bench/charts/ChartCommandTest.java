package io.wirehub.bench.charts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOneSvgPerScenarioAndPrintsTheMarkdownLines() throws Exception {
        Path results = dir.resolve("results.json");
        Files.writeString(results, ChartResultsFileTest.SAMPLE);
        Path out = dir.resolve("docs").resolve("bench");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<Path> written = ChartCommand.run(results, out, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "pubsub-1-to-1-16-b-raw-batched.svg",
                "request-reply-16-b-16-requesters-jnats.svg",
                "fan-out-raw-16-b-delivered-msgss.svg");
        for (Path file : written) {
            assertThat(file).exists().hasParent(out);
            String svg = Files.readString(file);
            SvgDocument.parse(svg);
            assertThat(svg).doesNotContain("<script", "href", "url(", "<image", "@import");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "![pub/sub 1→1 16 B (raw, batched)](bench/pubsub-1-to-1-16-b-raw-batched.svg)",
                "![request-reply 16 B, 16 requesters (jnats)](bench/request-reply-16-b-16-requesters-jnats.svg)",
                "![fan-out (raw, 16 B) — delivered msgs/s](bench/fan-out-raw-16-b-delivered-msgss.svg)");
    }

    @Test
    void groupsEntriesIntoChartsInFileOrder() throws Exception {
        List<Chart> charts = ChartCommand.charts(ResultsFile.parse("""
                [{"scenario":"b","figure":"msgs/s","unit":"msgs/s","server":"wirehub","values":[1]},
                 {"scenario":"a","figure":"msgs/s","unit":"msgs/s","server":"wirehub","values":[1]},
                 {"scenario":"b","figure":"MB/s","unit":"MB/s","server":"nats-server","values":[1]},
                 {"scenario":"c 1","curve":"c","x":1,"figure":"f","unit":"u","server":"wirehub","values":[1]},
                 {"scenario":"c 10","curve":"c","x":10,"figure":"f","unit":"u","server":"wirehub","values":[1]},
                 {"scenario":"c 10","curve":"c","x":10,"figure":"g","unit":"u","server":"wirehub","values":[1]}]
                """));

        assertThat(charts).extracting(Chart::title).containsExactly("b", "a", "c — f", "c — g");
        assertThat(charts).extracting(chart -> chart.getClass().getSimpleName())
                .containsExactly("BarPanelChart", "BarPanelChart", "LineChart", "LineChart");
    }
}
