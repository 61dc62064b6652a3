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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A durable consumer's state survives a restart and a kill -9: acknowledgements confirmed with
 * ackSync are never undone (those messages do not come back), what was delivered and not
 * acknowledged comes back after ack_wait, and nothing is skipped.
 */
class ConsumerKillTest {
    /** Kills in the suite: the issue asks for 50 or more. */
    private static final int KILLS = 50;
    /** Messages published in each round, before the consumer starts. */
    private static final int BATCH = 20;

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

    /**
     * SIGKILL at a random moment while a client consumes with explicit, confirmed acks (ackSync),
     * {@value #KILLS} times in the suite ({@code -Dwirehub.consumerKillRuns=N} and
     * {@code -Dwirehub.consumerKillBudgetSeconds=S} for longer loops), all on one store, so each
     * restart also recovers the previous kills. Every restart is checked as it comes: the ack floor
     * and the delivered position never fall below what was confirmed, and no confirmed message is
     * delivered again. At the end every message published is acknowledged exactly once.
     */
    @Test
    void acknowledgementsSurviveRepeatedKillDashNine() throws Exception {
        int rounds = Integer.getInteger("wirehub.consumerKillRuns", KILLS);
        Duration budget = Duration.ofSeconds(Long.getLong("wirehub.consumerKillBudgetSeconds", 240));
        long deadline = System.nanoTime() + budget.toNanos();
        Path dir = Files.createTempDirectory("cons-kills-");
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        long published = 0;
        int kills = 0;
        int killedDuringAnAck = 0;
        while (kills < rounds && System.nanoTime() < deadline) {
            Process child = startChild(dir);
            try {
                int port = portOf(child);
                Options options = new Options.Builder().server("nats://127.0.0.1:" + port).maxReconnects(0).build();
                try (Connection nc = Nats.connect(options)) {
                    JetStreamManagement jsm = nc.jetStreamManagement();
                    if (kills == 0) {
                        jsm.addStream(StreamConfiguration.builder().name("K").subjects("k").build());
                        jsm.addOrUpdateConsumer("K", ConsumerConfiguration.builder().durable("c")
                                .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofMillis(800)).build());
                    } else {
                        assertRecovered(jsm.getConsumerInfo("K", "c"), acked, kills);
                    }
                    JetStream js = nc.jetStream();
                    for (int i = 0; i < BATCH; i++) {
                        js.publish("k", ("m" + (published + i)).getBytes(StandardCharsets.UTF_8));
                    }
                    published += BATCH;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(20, 400));
                    JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("K", "c"));
                    boolean acking = false;
                    try {
                        while (System.nanoTime() < killAt) {
                            for (Message m : sub.fetch(7, Duration.ofMillis(200))) {
                                long seq = m.metaData().streamSequence();
                                assertThat(acked).as("a confirmed ack undone: seq %d came back after kill %d", seq,
                                        kills).doesNotContain(seq);
                                if (System.nanoTime() >= killAt) {
                                    // The kill lands while this ack is on its way: confirmed or not.
                                    child.destroyForcibly();
                                }
                                if (random.nextInt(5) == 0) {
                                    continue; // left unacknowledged: it must come back
                                }
                                acking = true;
                                m.ackSync(Duration.ofSeconds(5));
                                acking = false;
                                acked.add(seq);
                            }
                        }
                    } catch (Exception e) {
                        // The kill: a fetch or an ack on the dead connection fails. An ack that got no
                        // confirmation is not counted as acknowledged (it may come back).
                        if (child.isAlive() && !child.waitFor(2, TimeUnit.SECONDS)) {
                            ConsumerInfo now = jsm.getConsumerInfo("K", "c");
                            throw new AssertionError("only the kill ends a round: round " + kills + ", " + e
                                    + "; consumer now: delivered " + now.getDelivered() + ", floor " + now.getAckFloor()
                                    + ", ack pending " + now.getNumAckPending() + ", acked so far " + acked.size(), e);
                        }
                        killedDuringAnAck += acking ? 1 : 0;
                    }
                }
            } catch (java.io.IOException | IllegalStateException e) {
                // The connection ended under the kill: what was confirmed before it is in acked.
            } finally {
                child.destroyForcibly(); // SIGKILL, if the loop did not already
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            kills++;
        }
        System.out.printf("consumer kill test: %d kills, %d messages, %d confirmed acks, %d kills during an ack%n",
                kills, published, acked.size(), killedDuringAnAck);
        assertThat(kills).as("kills within %s", budget).isGreaterThanOrEqualTo(rounds);
        try (Wirehub server = startIn(dir); Connection nc = Nats.connect(server.clientUrl())) {
            assertRecovered(nc.jetStreamManagement().getConsumerInfo("K", "c"), acked, kills);
            JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("K", "c"));
            Set<Long> after = new HashSet<>();
            int emptyRounds = 0;
            while (emptyRounds < 3) {
                List<Message> got = sub.fetch(50, Duration.ofMillis(1000));
                emptyRounds = got.isEmpty() ? emptyRounds + 1 : 0;
                for (Message m : got) {
                    long seq = m.metaData().streamSequence();
                    assertThat(acked).as("an acknowledged message came back: %d", seq).doesNotContain(seq);
                    after.add(seq);
                    m.ackSync(Duration.ofSeconds(5));
                }
            }
            Set<Long> all = new HashSet<>(acked);
            all.addAll(after);
            assertThat(all).as("every message delivered and acknowledged once").hasSize((int) published);
            assertThat(nc.jetStreamManagement().getConsumerInfo("K", "c").getAckFloor().getStreamSequence())
                    .isEqualTo(published);
        }
    }

    /** Positions never go back past a confirmed ack. */
    private static void assertRecovered(ConsumerInfo recovered, Set<Long> acked, int kills) {
        long contiguous = 0;
        while (acked.contains(contiguous + 1)) {
            contiguous++;
        }
        long highestAcked = acked.stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(recovered.getAckFloor().getStreamSequence()).as("ack floor after kill %d", kills)
                .isGreaterThanOrEqualTo(contiguous);
        assertThat(recovered.getDelivered().getStreamSequence()).as("delivered after kill %d", kills)
                .isGreaterThanOrEqualTo(highestAcked);
    }
}
