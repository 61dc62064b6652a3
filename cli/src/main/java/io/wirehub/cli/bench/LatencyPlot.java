package io.wirehub.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * {@code --plot FILE.html}: one page that stands alone (Chart.js from the WebJar the dashboard
 * uses, inlined): the latency percentile distribution for req and connect, or the per-client
 * rates for pub and sub.
 */
public final class LatencyPlot {
    private static final String CHART_JS_POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private LatencyPlot() {
    }

    public static void write(BenchResult result, Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".html")) {
            throw new IOException("--plot writes an .html page; got " + file);
        }
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode labels = mapper.createArrayNode();
        ArrayNode values = mapper.createArrayNode();
        String title;
        String axis;
        Histogram latencies = result.latencies();
        if (latencies != null && latencies.getTotalCount() > 0) {
            title = result.load() + ": latency by percentile (µs)";
            axis = "µs";
            for (HistogramIterationValue v : latencies.percentiles(5)) {
                labels.add(String.format(java.util.Locale.ROOT, "p%.3f", v.getPercentileLevelIteratedTo()));
                values.add(v.getValueIteratedTo());
            }
        } else {
            title = result.load() + ": messages per second by client";
            axis = "msgs/s";
            for (ClientRate client : result.clients()) {
                labels.add(client.role() + " " + client.client());
                values.add(Math.round(client.messagesPerSecond()));
            }
        }
        String page = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<script>" + chartJs() + "</script></head>\n<body><h1>" + escape(title) + "</h1>\n"
                + "<canvas id=\"plot\" width=\"1000\" height=\"500\"></canvas>\n<script>\n"
                + "const data = " + mapper.createObjectNode().set("labels", labels).toString() + ";\n"
                + "data.values = " + values + ";\n"
                + "new Chart(document.getElementById('plot'), {type: 'line', data: {labels: data.labels,"
                + " datasets: [{label: '" + axis + "', data: data.values, borderColor: '#1f77b4'}]},"
                + " options: {animation: false, scales: {y: {beginAtZero: true, title: {display: true, text: '"
                + axis + "'}}}}});\n</script></body></html>\n";
        Files.writeString(file, page, StandardCharsets.UTF_8);
    }

    private static String chartJs() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = LatencyPlot.class.getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                throw new IOException("Chart.js is not on the class path");
            }
            pom.load(in);
        }
        String path = "/META-INF/resources/webjars/chart.js/" + pom.getProperty("version") + "/dist/chart.umd.min.js";
        try (InputStream in = LatencyPlot.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("Chart.js is not on the class path at " + path);
            }
            // Inlined inside <script>: a literal "</script" in it would end the element early.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
