package io.wirehub.server.it.monitor;

import java.util.HashMap;
import java.util.Map;

/**
 * Samples of a Prometheus text exposition, keyed by name and labels as written
 * ({@code wirehub_sent_messages_total{transport="nats"}}), for tests to read values from.
 */
final class PrometheusText {
    private final Map<String, Double> samples = new HashMap<>();
    private final String text;

    PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** The sample's value, or -1 when there is no such sample. */
    double value(String series) {
        return samples.getOrDefault(series, -1.0);
    }

    boolean has(String series) {
        return samples.containsKey(series);
    }

    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
