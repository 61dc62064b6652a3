package io.wirehub.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects every run's figures and prints medians, spreads and the Wirehub/nats-server ratio. */
final class ResultTable {
    /** Key: scenario and figure; value: per server, the values of each round. */
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private static final class Row {
        final String scenario;
        final Scenario.Figure shape;
        /** Null unless the scenario is a point of a cost curve. */
        final Scenario.CurvePoint point;
        final Map<String, List<Double>> valuesByServer = new LinkedHashMap<>();

        Row(String scenario, Scenario.Figure shape, Scenario.CurvePoint point) {
            this.scenario = scenario;
            this.shape = shape;
            this.point = point;
        }
    }

    void add(String scenario, String server, List<Scenario.Figure> figures) {
        add(scenario, null, server, figures);
    }

    void add(String scenario, Scenario.CurvePoint point, String server, List<Scenario.Figure> figures) {
        for (Scenario.Figure figure : figures) {
            Row row = rows.computeIfAbsent(scenario + "|" + figure.name(), k -> new Row(scenario, figure, point));
            row.valuesByServer.computeIfAbsent(server, s -> new ArrayList<>()).add(figure.value());
        }
    }

    /** Markdown table: one line per scenario and figure. */
    String render(String ours, String theirs) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | figure | ").append(ours).append(" median (min–max) | ").append(theirs)
                .append(" median (min–max) | ").append(ours).append(" / ").append(theirs).append(" |\n");
        out.append("|---|---|---:|---:|---:|\n");
        for (Row row : rows.values()) {
            List<Double> a = row.valuesByServer.getOrDefault(ours, List.of());
            List<Double> b = row.valuesByServer.getOrDefault(theirs, List.of());
            double ratio = median(a) / median(b);
            out.append("| ").append(row.scenario).append(" | ").append(row.shape.name())
                    .append(row.shape.higherIsBetter() ? "" : " (lower is better)")
                    .append(" | ").append(summary(a, row.shape.unit()))
                    .append(" | ").append(summary(b, row.shape.unit()))
                    .append(" | ").append(Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Every value, for --json (and --charts, which draws from it). */
    String json() {
        StringBuilder out = new StringBuilder("[\n");
        boolean first = true;
        for (Row row : rows.values()) {
            for (Map.Entry<String, List<Double>> entry : row.valuesByServer.entrySet()) {
                String curve = row.point == null ? "" : String.format(Locale.ROOT,
                        "\"curve\":\"%s\",\"xLabel\":\"%s\",\"x\":%s,",
                        row.point.curve(), row.point.xLabel(), row.point.x());
                out.append(first ? "" : ",\n").append(String.format(Locale.ROOT,
                        "  {\"scenario\":\"%s\",%s\"figure\":\"%s\",\"unit\":\"%s\",\"higherIsBetter\":%s,"
                                + "\"server\":\"%s\",\"values\":%s}",
                        row.scenario, curve, row.shape.name(), row.shape.unit(), row.shape.higherIsBetter(),
                        entry.getKey(), entry.getValue()));
                first = false;
            }
        }
        return out.append("\n]\n").toString();
    }

    private static String summary(List<Double> values, String unit) {
        if (values.isEmpty()) {
            return "–";
        }
        return format(median(values)) + " " + unit + " (" + format(min(values)) + "–" + format(max(values)) + ")";
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String format(double value) {
        if (value >= 100_000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
