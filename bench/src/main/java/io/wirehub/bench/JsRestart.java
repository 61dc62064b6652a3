package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restart with a large file stream: a server process of its own, with a store of its own, is
 * filled once with {@code totalBytes} of {@code messageSize}-byte messages; each run then stops it
 * cleanly (SIGTERM) and starts it again, and kills it (SIGKILL) and starts it again, timing from
 * the process start to its client port listening and to {@code STREAM.INFO} answering with every
 * message. The store files stay in the page cache between restarts (no cache is dropped), so this
 * is the servers' own recovery work, not the disk's.
 */
final class JsRestart implements Scenario {
    private static final String STREAM = "RESTART";
    private static final String SUBJECT = "bench.restart";

    private final long totalBytes;
    private final int messageSize;
    /** The running process and its store per server name; only the bench's main thread touches it. */
    private final Map<String, Restarted> running = new HashMap<>();

    private record Restarted(BenchServer process, Path store) {
    }

    JsRestart(long totalBytes, int messageSize) {
        this.totalBytes = totalBytes;
        this.messageSize = messageSize;
    }

    private int messages() {
        return (int) (totalBytes / messageSize);
    }

    @Override
    public String name() {
        return "js restart with a " + (totalBytes >> 20) + " MiB file stream of " + Sizes.label(messageSize)
                + " messages";
    }

    @Override
    public boolean needsJetStream() {
        return true;
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        Restarted current = running.get(server.name());
        if (current == null) {
            Path store = Files.createTempDirectory("bench-js-restart-");
            current = new Restarted(server.startAnother(List.of("-js", "-sd", store.toString())), store);
            running.put(server.name(), current);
            fill(current.process());
        }
        current.process().close();
        Timed clean = start(server, current.store());
        running.put(server.name(), new Restarted(clean.process(), current.store()));
        clean.process().kill();
        Timed killed = start(server, current.store());
        running.put(server.name(), new Restarted(killed.process(), current.store()));
        return List.of(
                new Figure("after a clean stop: listening", "ms", false, clean.listeningMillis()),
                new Figure("after a clean stop: stream ready", "ms", false, clean.readyMillis()),
                new Figure("after SIGKILL: listening", "ms", false, killed.listeningMillis()),
                new Figure("after SIGKILL: stream ready", "ms", false, killed.readyMillis()));
    }

    private void fill(BenchServer server) throws Exception {
        try (Connection nc = JsStreams.connect(server)) {
            JetStreamManagement jsm = JsStreams.management(nc);
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(StorageType.File)
                    .build());
            long start = System.nanoTime();
            int sent = JsStreams.publish(JsStreams.context(nc), SUBJECT, new byte[messageSize], 64, messages(),
                    Long.MAX_VALUE, null, server.name());
            JsStreams.expectStored(jsm, STREAM, sent, server.name());
            System.err.printf("   %s: %,d messages (%d MiB) stored in %.1f s%n", server.name(), sent,
                    totalBytes >> 20, (System.nanoTime() - start) / 1e9);
        }
    }

    private record Timed(BenchServer process, double listeningMillis, double readyMillis) {
    }

    /** Starts the server on the store and waits until its stream answers with every message. */
    private Timed start(BenchServer server, Path store) throws Exception {
        long start = System.nanoTime();
        BenchServer process = server.startAnother(List.of("-js", "-sd", store.toString()));
        double listening = (System.nanoTime() - start) / 1e6;
        try (Connection nc = JsStreams.connect(process)) {
            JetStreamManagement jsm = JsStreams.management(nc);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (true) {
                long stored = storedOrMinusOne(jsm);
                if (stored == messages()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    process.close();
                    throw new IllegalStateException(server.name() + ": " + stored + " of " + messages()
                            + " messages 120 s after the restart");
                }
                Thread.sleep(5);
            }
        }
        return new Timed(process, listening, (System.nanoTime() - start) / 1e6);
    }

    /** The stream's message count, or -1 while JetStream or the stream is not there yet. */
    private static long storedOrMinusOne(JetStreamManagement jsm) throws IOException {
        try {
            return jsm.getStreamInfo(STREAM).getStreamState().getMsgCount();
        } catch (JetStreamApiException | IOException | IllegalStateException notYet) {
            return -1;
        }
    }

    @Override
    public void finish(BenchServer server) throws Exception {
        Restarted current = running.remove(server.name());
        if (current != null) {
            current.process().close();
            JsSyncAlways.deleteTree(current.store());
        }
    }
}
