package io.wirehub.cli.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link CheckResult} in each {@link CheckFormat}. */
public final class CheckReport {
    private static final Map<String, String> HELP = Map.of(
            "connect_time", "Seconds to connect: TCP, INFO, CONNECT and the first PONG",
            "rtt", "Seconds for a PING to be answered",
            "request_time", "Seconds for a request-reply round trip through the server");

    private CheckReport() {
    }

    public static String render(CheckResult result, CheckFormat format) {
        return switch (format) {
            case NAGIOS -> nagios(result);
            case JSON -> json(result);
            case PROMETHEUS -> prometheus(result);
            case TEXT -> text(result);
        };
    }

    /**
     * {@code OK Connection OK:connected to nats://... in 1.20ms OK:rtt 0.31ms ... | connect_time=0.0012s;0.5000;1.0000 ...}
     * as the nats CLI prints it, so Nagios, Icinga and Sensu read it.
     */
    static String nagios(CheckResult result) {
        List<String> items = new ArrayList<>();
        for (String failure : result.unknown()) {
            items.add("Unknown:" + failure);
        }
        for (String failure : result.critical()) {
            items.add("Crit:" + failure);
        }
        List<String> perf = new ArrayList<>();
        for (Measurement m : result.measurements()) {
            items.add(prefix(m.status()) + ":" + m.what() + (m.name().equals("connect_time") ? " in " : " ")
                    + millis(m.value()));
            perf.add(String.format(Locale.ROOT, "%s=%.4fs;%.4f;%.4f", m.name(), m.seconds(), seconds(m.warning()),
                    seconds(m.critical())));
        }
        String line = result.status().label() + " " + result.check() + " " + String.join(" ", items);
        return perf.isEmpty() ? line + "\n" : line + " | " + String.join(" ", perf) + "\n";
    }

    private static String prefix(CheckStatus status) {
        return switch (status) {
            case OK -> "OK";
            case WARNING -> "Warn";
            case CRITICAL -> "Crit";
            case UNKNOWN -> "Unknown";
        };
    }

    static String text(CheckResult result) {
        StringBuilder out = new StringBuilder();
        out.append(result.check()).append(" check of ").append(result.server()).append(": ")
                .append(result.status().label()).append('\n');
        for (Measurement m : result.measurements()) {
            out.append(String.format(Locale.ROOT, "  %-8s %-20s %10s   (warning at %s, critical at %s)%n",
                    m.status().label(), m.name(), millis(m.value()), millis(m.warning()), millis(m.critical())));
        }
        for (String failure : result.critical()) {
            out.append(String.format(Locale.ROOT, "  %-8s %s%n", CheckStatus.CRITICAL.label(), failure));
        }
        for (String failure : result.unknown()) {
            out.append(String.format(Locale.ROOT, "  %-8s %s%n", CheckStatus.UNKNOWN.label(), failure));
        }
        return out.toString();
    }

    static String json(CheckResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("check", result.check().toLowerCase(Locale.ROOT));
        json.put("server", result.server());
        json.put("status", result.status().label());
        json.put("exit_code", result.status().exitCode());
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Measurement m : result.measurements()) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("name", m.name());
            figure.put("status", m.status().label());
            figure.put("seconds", m.seconds());
            figure.put("warning_seconds", seconds(m.warning()));
            figure.put("critical_seconds", seconds(m.critical()));
            figure.put("message", m.what() + " " + millis(m.value()));
            figures.add(figure);
        }
        json.put("measurements", figures);
        json.put("critical", result.critical());
        json.put("unknown", result.unknown());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gauges a textfile collector can pick up; the status is 0-3 like the exit code. */
    static String prometheus(CheckResult result) {
        PrometheusRegistry registry = new PrometheusRegistry();
        Gauge.builder().name("wirehub_check_status").help("Check result: 0 OK, 1 warning, 2 critical, 3 unknown")
                .labelNames("check").register(registry)
                .labelValues(result.check().toLowerCase(Locale.ROOT)).set(result.status().exitCode());
        for (Measurement m : result.measurements()) {
            Gauge.builder().name("wirehub_check_" + m.name().replace("_time", "") + "_seconds")
                    .help(HELP.getOrDefault(m.name(), "Seconds taken"))
                    .labelNames("check").register(registry)
                    .labelValues(result.check().toLowerCase(Locale.ROOT)).set(m.seconds());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Prometheus text in natscli's layout, for dashboards and alerts written against
     * {@code nats server check --format prometheus}: {@code NAMESPACE_connections_connect_time} and
     * friends labelled {@code item="Connection"}, and {@code NAMESPACE_connections_status_code}
     * with the status as a label (natscli's namespace is {@code nats_server_check}).
     */
    public static String prometheus(CheckResult result, String namespace) {
        PrometheusRegistry registry = new PrometheusRegistry();
        String prefix = namespace + "_connections_";
        for (Measurement m : result.measurements()) {
            Gauge.builder().name(prefix + m.name()).help("Data about the NATS CLI check connections")
                    .labelNames("item").register(registry).labelValues(result.check()).set(m.seconds());
        }
        Gauge.builder().name(prefix + "status_code").help("Nagios compatible status code for connections")
                .labelNames("item", "status").register(registry)
                .labelValues(result.check(), result.status().label()).set(result.status().exitCode());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Milliseconds with two decimals: "0.31ms", "1200.00ms". */
    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.2fms", d.toNanos() / 1e6);
    }
}
