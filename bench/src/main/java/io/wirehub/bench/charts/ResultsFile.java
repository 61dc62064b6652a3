package io.wirehub.bench.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the file {@code SideBySide --json} writes: an array of entries, one per scenario, figure and
 * server. Read through the tree model rather than data binding, so that the optional fields (curve,
 * x, xLabel, higherIsBetter) may be absent and unknown fields added later by the runner are ignored.
 */
final class ResultsFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultsFile() {
    }

    static List<Result> read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static List<Result> parse(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("the results file should hold a JSON array of entries");
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            Result result = entry(root.get(i), i);
            if (!result.values().isEmpty()) {
                results.add(result);
            }
        }
        return results;
    }

    private static Result entry(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("entry " + index + " is not an object");
        }
        String scenario = required(node, "scenario", index);
        String figure = required(node, "figure", index);
        String server = required(node, "server", index);
        String unit = node.path("unit").asText("");
        JsonNode valuesNode = node.get("values");
        if (valuesNode == null || !valuesNode.isArray()) {
            throw new IllegalArgumentException("entry " + index + " (" + scenario + ") has no \"values\" array");
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode value : valuesNode) {
            // A failed round may be written as null; it is no measurement, so it is left out.
            if (value.isNumber() && Double.isFinite(value.asDouble())) {
                values.add(value.asDouble());
            }
        }
        // Files written before the runner recorded the direction: latencies are the only
        // lower-is-better figures it measures, and they are all in time units.
        boolean higherIsBetter = node.has("higherIsBetter")
                ? node.get("higherIsBetter").asBoolean()
                : !isTimeUnit(unit);
        String curve = node.hasNonNull("curve") ? node.get("curve").asText() : null;
        double x = Double.NaN;
        if (curve != null) {
            JsonNode xNode = node.get("x");
            if (xNode == null || !xNode.isNumber() || !(xNode.asDouble() > 0)) {
                // The curve's x axis is logarithmic: zero or a missing x has no place on it.
                throw new IllegalArgumentException("entry " + index + " (" + curve + ") is a curve point"
                        + " without a positive \"x\"");
            }
            x = xNode.asDouble();
        }
        String xLabel = node.hasNonNull("xLabel") ? node.get("xLabel").asText() : "x";
        return new Result(scenario, curve, xLabel, x, figure, unit, higherIsBetter, server, values);
    }

    private static String required(JsonNode node, String field, int index) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("entry " + index + " has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static boolean isTimeUnit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns", "µs", "μs", "us", "ms", "s" -> true;
            default -> false;
        };
    }
}
