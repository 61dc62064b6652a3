package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A durable consumer's state survives a restart and a kill -9: acknowledgements confirmed with
 * ackSync are never undone (those messages do not come back), what was delivered and not
 * acknowledged comes back after ack_wait, and nothing is skipped.
 */
class ConsumerKillTest {
    private static final int MESSAGES = 120;

    private static Process startChild(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WirehubChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int portOf(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
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
        }).get(60, TimeUnit.SECONDS);
    }

    private static Wirehub startIn(Path dir) throws Exception {
        return Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(dir)).build());
    }

    @Test
    void stateSurvivesAGracefulRestart() throws Exception {
        Path dir = Files.createTempDirectory("cons-restart-");
        try (Wirehub server = startIn(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("R").subjects("r").build());
            for (int i = 0; i < 10; i++) {
                nc.jetStream().publish("r", new byte[] {(byte) i});
            }
            jsm.addOrUpdateConsumer("R", ConsumerConfiguration.builder().durable("d").ackPolicy(AckPolicy.Explicit)
                    .ackWait(Duration.ofMillis(500)).build());
            List<Message> got = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("R", "d"))
                    .fetch(5, Duration.ofSeconds(2));
            for (Message m : got.subList(0, 3)) {
                m.ackSync(Duration.ofSeconds(2));
            }
        }
        try (Wirehub server = startIn(dir); Connection nc = Nats.connect(server.clientUrl())) {
            ConsumerInfo info = nc.jetStreamManagement().getConsumerInfo("R", "d");
            assertThat(info.getDelivered().getStreamSequence()).isEqualTo(5);
            assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(3);
            assertThat(info.getNumAckPending()).isEqualTo(2);
            assertThat(info.getNumPending()).isEqualTo(5);
            JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("R", "d"));
            Set<Long> seen = new HashSet<>();
            for (int round = 0; round < 20 && seen.size() < 7; round++) {
                for (Message m : sub.fetch(10, Duration.ofMillis(500))) {
                    seen.add(m.metaData().streamSequence());
                    m.ackSync(Duration.ofSeconds(2));
                }
            }
            assertThat(seen).containsExactlyInAnyOrder(4L, 5L, 6L, 7L, 8L, 9L, 10L);
        }
    }

    /** Runs of the kill test; 3 in the suite, more with {@code -Dwirehub.consumerKillRuns=50}. */
    @Test
    void acknowledgedMessagesStayAcknowledgedAfterKillDashNine() throws Exception {
        int runs = Integer.getInteger("wirehub.consumerKillRuns", 3);
        for (int run = 0; run < runs; run++) {
            killOnce();
        }
    }

    private void killOnce() throws Exception {
        Path dir = Files.createTempDirectory("cons-kill-");
        Process child = startChild(dir);
        Set<Long> acked = new HashSet<>();
        try {
            int port = portOf(child);
            Options options = new Options.Builder().server("nats://127.0.0.1:" + port).maxReconnects(0).build();
            try (Connection nc = Nats.connect(options)) {
                JetStreamManagement jsm = nc.jetStreamManagement();
                jsm.addStream(StreamConfiguration.builder().name("K").subjects("k").build());
                JetStream js = nc.jetStream();
                for (int i = 0; i < MESSAGES; i++) {
                    js.publish("k", ("m" + i).getBytes(StandardCharsets.UTF_8));
                }
                jsm.addOrUpdateConsumer("K", ConsumerConfiguration.builder().durable("c")
                        .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofMillis(800)).build());
                JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("K", "c"));
                int killAfter = ThreadLocalRandom.current().nextInt(10, MESSAGES - 10);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (acked.size() < killAfter) {
                    for (Message m : sub.fetch(7, Duration.ofSeconds(2))) {
                        // Leave some unacknowledged: they must come back after the restart.
                        if (random.nextInt(5) == 0) {
                            continue;
                        }
                        m.ackSync(Duration.ofSeconds(5));
                        acked.add(m.metaData().streamSequence());
                    }
                }
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } catch (RuntimeException | java.io.IOException e) {
                if (acked.isEmpty()) {
                    throw e;
                }
            }
        } finally {
            child.destroyForcibly();
        }
        try (Wirehub server = startIn(dir); Connection nc = Nats.connect(server.clientUrl())) {
            // Positions never go back past a confirmed ack: the floor covers every message up to
            // the first one not acknowledged, and what was delivered covers every acknowledged one.
            ConsumerInfo recovered = nc.jetStreamManagement().getConsumerInfo("K", "c");
            long contiguous = 0;
            while (acked.contains(contiguous + 1)) {
                contiguous++;
            }
            long highestAcked = acked.stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat(recovered.getAckFloor().getStreamSequence()).as("ack floor after the kill")
                    .isGreaterThanOrEqualTo(contiguous);
            assertThat(recovered.getDelivered().getStreamSequence()).as("delivered after the kill")
                    .isGreaterThanOrEqualTo(highestAcked);
            JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("K", "c"));
            Set<Long> after = new HashSet<>();
            int emptyRounds = 0;
            while (emptyRounds < 3) {
                List<Message> got = sub.fetch(50, Duration.ofMillis(1000));
                if (got.isEmpty()) {
                    emptyRounds++;
                }
                for (Message m : got) {
                    long seq = m.metaData().streamSequence();
                    assertThat(acked).as("an acknowledged message came back: %d", seq).doesNotContain(seq);
                    after.add(seq);
                    m.ackSync(Duration.ofSeconds(5));
                }
            }
            Set<Long> all = new HashSet<>(acked);
            all.addAll(after);
            assertThat(all).as("every message delivered and acknowledged once").hasSize(MESSAGES);
            assertThat(nc.jetStreamManagement().getConsumerInfo("K", "c").getAckFloor().getStreamSequence())
                    .isEqualTo(MESSAGES);
        }
    }
}
