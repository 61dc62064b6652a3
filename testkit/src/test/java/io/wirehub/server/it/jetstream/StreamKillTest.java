package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Durability of acknowledged publishes: a Wirehub in its own JVM is killed with SIGKILL in the
 * middle of a publish burst; started again on the same store directory, it must hold every message
 * it acknowledged, with the same sequence and payload, and still know their Nats-Msg-Id values.
 */
class StreamKillTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Process startChild(Path dir, boolean syncAlways) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WirehubChild.class.getName(), dir.toString(), syncAlways ? "always" : "interval")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int portOf(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("PORT ")) {
                        return Integer.parseInt(line.substring(5).trim());
                    }
                }
                throw new IllegalStateException("the child ended without a port");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }

    @Test
    void everyAcknowledgedMessageSurvivesKillDashNine() throws Exception {
        killMidBurstAndCheck(false);
    }

    /**
     * Under sync_interval always the stream's worker stores a batch and sends its PubAcks only
     * after one fsync covering it (group commit): those PubAcks still speak only of stored messages.
     */
    @Test
    void everyAcknowledgedMessageSurvivesKillDashNineUnderSyncAlways() throws Exception {
        killMidBurstAndCheck(true);
    }

    private static void killMidBurstAndCheck(boolean syncAlways) throws Exception {
        Path dir = Files.createTempDirectory("js-kill-");
        Process child = startChild(dir, syncAlways);
        Map<Long, String> acked = new TreeMap<>();
        Map<Long, String> ids = new TreeMap<>();
        try {
            int port = portOf(child);
            Options options = new Options.Builder().server("nats://127.0.0.1:" + port).maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(5)).build();
            try (Connection nc = Nats.connect(options)) {
                nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("K").subjects("k.>").build());
                JetStream js = nc.jetStream();
                List<CompletableFuture<PublishAck>> futures = new ArrayList<>();
                List<String> payloads = new ArrayList<>();
                AtomicBoolean publishing = new AtomicBoolean(true);
                Thread publisher = Thread.ofPlatform().start(() -> {
                    for (int i = 0; publishing.get(); i++) {
                        String payload = "m-" + i + "-" + "x".repeat(i % 200);
                        try {
                            CompletableFuture<PublishAck> f = js.publishAsync("k." + (i % 7),
                                    payload.getBytes(StandardCharsets.UTF_8),
                                    PublishOptions.builder().messageId("id-" + i).build());
                            synchronized (futures) {
                                futures.add(f);
                                payloads.add(payload);
                            }
                        } catch (RuntimeException e) {
                            return; // the connection is gone
                        }
                    }
                });
                int killAfter = ThreadLocalRandom.current().nextInt(500, 5000);
                Await.until(WAIT, () -> {
                    synchronized (futures) {
                        return futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count()
                                >= killAfter;
                    }
                }, killAfter + " acknowledged publishes");
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                publishing.set(false);
                publisher.join(10_000);
                synchronized (futures) {
                    for (int i = 0; i < futures.size(); i++) {
                        CompletableFuture<PublishAck> f = futures.get(i);
                        if (f.isDone() && !f.isCompletedExceptionally()) {
                            PublishAck ack = f.join();
                            acked.put(ack.getSeqno(), payloads.get(i));
                            ids.put(ack.getSeqno(), "id-" + i);
                        }
                    }
                }
            } catch (RuntimeException | java.io.IOException | InterruptedException e) {
                // Closing a connection to a killed server may complain; the acks are already collected.
                if (acked.isEmpty()) {
                    throw e;
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(500);

        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(dir)).build());
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            long last = jsm.getStreamInfo("K").getStreamState().getLastSequence();
            assertThat(last).isGreaterThanOrEqualTo(((TreeMap<Long, String>) acked).lastKey());
            for (Map.Entry<Long, String> e : acked.entrySet()) {
                String stored = new String(jsm.getMessage("K", e.getKey()).getData(), StandardCharsets.UTF_8);
                assertThat(stored).as("sequence %d", e.getKey()).isEqualTo(e.getValue());
            }
            // The newest acknowledged id is still inside the duplicate window after the restart.
            Map.Entry<Long, String> newest = ((TreeMap<Long, String>) ids).lastEntry();
            PublishAck again = nc.jetStream().publish("k.0", new byte[0],
                    PublishOptions.builder().messageId(newest.getValue()).build());
            assertThat(again.isDuplicate()).isTrue();
            assertThat(again.getSeqno()).isEqualTo(newest.getKey());
        }
    }
}
