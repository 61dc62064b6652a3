package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Requests against a file stream of 1,000,000 messages (16 B, allow_direct): {@code STREAM.INFO}
 * one after another, then {@code DIRECT.GET} of random sequences one after another, each round
 * trip in a histogram. The stream is filled once per server (the first run, which is the
 * warm-up) and deleted after the last round.
 */
final class JsLargeStream implements Scenario {
    private static final String STREAM = "LARGE";
    private static final String SUBJECT = "bench.large";

    private final int messages;
    private final int infoRequests;
    private final int directGets;
    /** Servers (by name) whose stream is filled; only the bench's main thread touches it. */
    private final Set<String> filled = new HashSet<>();

    JsLargeStream(int messages, int infoRequests, int directGets) {
        this.messages = messages;
        this.infoRequests = infoRequests;
        this.directGets = directGets;
    }

    @Override
    public String name() {
        return "js stream of " + String.format(java.util.Locale.ROOT, "%,d", messages)
                + " messages: STREAM.INFO and DIRECT.GET";
    }

    @Override
    public boolean needsJetStream() {
        return true;
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        try (Connection nc = JsStreams.connect(server)) {
            if (filled.add(server.name())) {
                fill(nc, server);
            }
            List<Figure> figures = new ArrayList<>();
            figures.addAll(prefixed("STREAM.INFO ", streamInfo(nc, server, Math.max(100, (int) (infoRequests * scale)))));
            figures.addAll(prefixed("DIRECT.GET ", directGet(nc, server, Math.max(1000, (int) (directGets * scale)))));
            return figures;
        }
    }

    private void fill(Connection nc, BenchServer server) throws Exception {
        JetStreamManagement jsm = JsStreams.management(nc);
        JsStreams.deleteIfPresent(jsm, STREAM);
        jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(StorageType.File)
                .allowDirect(true).build());
        long start = System.nanoTime();
        int sent = JsStreams.publish(JsStreams.context(nc), SUBJECT, new byte[16], 256, messages, Long.MAX_VALUE, null,
                server.name());
        JsStreams.expectStored(jsm, STREAM, sent, server.name());
        System.err.printf("   %s: %,d messages stored in %.1f s%n", server.name(), sent, (System.nanoTime() - start) / 1e9);
    }

    private Histogram streamInfo(Connection nc, BenchServer server, int count) throws Exception {
        String expected = "\"messages\":" + messages + ",";
        Histogram histogram = LatencyFigures.histogram();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Message reply = nc.request("$JS.API.STREAM.INFO." + STREAM, null, Duration.ofSeconds(5));
            histogram.recordValue(System.nanoTime() - start);
            String json = reply == null ? "no reply" : new String(reply.getData(), StandardCharsets.UTF_8);
            if (!json.contains(expected)) {
                throw new IllegalStateException(server.name() + ": STREAM.INFO answered " + json);
            }
        }
        return histogram;
    }

    private Histogram directGet(Connection nc, BenchServer server, int count) throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        Histogram histogram = LatencyFigures.histogram();
        for (int i = 0; i < count; i++) {
            long seq = 1 + random.nextInt(messages);
            byte[] body = ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            Message reply = nc.request("$JS.API.DIRECT.GET." + STREAM, body, Duration.ofSeconds(5));
            histogram.recordValue(System.nanoTime() - start);
            String got = reply == null || !reply.hasHeaders() ? null : reply.getHeaders().getFirst("Nats-Sequence");
            if (!Long.toString(seq).equals(got)) {
                throw new IllegalStateException(server.name() + ": DIRECT.GET of " + seq + " answered sequence " + got);
            }
        }
        return histogram;
    }

    private static List<Figure> prefixed(String prefix, Histogram histogram) {
        return LatencyFigures.of(histogram).stream()
                .map(f -> new Figure(prefix + f.name(), f.unit(), f.higherIsBetter(), f.value())).toList();
    }

    @Override
    public void finish(BenchServer server) throws Exception {
        try (Connection nc = JsStreams.connect(server)) {
            JsStreams.deleteIfPresent(JsStreams.management(nc), STREAM);
        }
        filled.remove(server.name());
    }
}
