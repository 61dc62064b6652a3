package io.wirehub.server.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.store.FileStore;
import io.wirehub.server.jetstream.store.FileStoreOptions;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.SubjectIndex;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.stats.Observability;
import io.wirehub.server.stats.ServerStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real stream with sync_interval always: publishes that wait together for their
 * PubAcks are made durable by far fewer fsyncs than messages (the stream's worker stores its whole
 * batch, then waits once), and no PubAck leaves before its message is on disk.
 */
class StreamGroupCommitTest {
    private static final int MESSAGES = 2000;
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path dir;

    private final StreamConfig config = new StreamConfig("G", "", List.of("g.>"), StreamConfig.Retention.LIMITS,
            -1, -1, -1, 0, -1, -1, StreamConfig.Discard.OLD, StreamConfig.Storage.FILE, 1, false, "",
            120_000_000_000L, null, null, List.of(), StreamConfig.Compression.NONE, 0, null, null, false, false,
            false, false, false, false, false, StreamConfig.ConsumerLimits.NONE, Map.of());

    /** Each PubAck's sequence, with what the store knew durable when the PubAck was sent. */
    private record Ack(long seq, long durableWhenSent) {
    }

    @Test
    void publishesInFlightTogetherShareFsyncsAndNoPubAckRunsAhead() throws InterruptedException {
        Router router = new Router(new SubjectIndex(true));
        ServerStats stats = new ServerStats();
        Observability observability = Observability.create(10);
        StreamServices services = new StreamServices("", true,
                () -> new InternalPublisher(router, stats, observability, "jetstream"));
        FileStore store = FileStore.open(dir, FileStoreOptions.defaults(Stream.limitsOf(config)).withSyncAlways(true));
        Map<String, Ack> acks = new ConcurrentHashMap<>();
        MessageSink replies = new MessageSink() {
            @Override
            public boolean deliver(Subscription subscription, PublishedMessage message) {
                // Runs on the stream's worker, as the PubAck is sent.
                InboundMessage ack = InboundMessage.copyOf(message);
                Matcher m = SEQ.matcher(new String(ack.payload(), StandardCharsets.UTF_8));
                assertThat(m.find()).as("a stored PubAck: %s", new String(ack.payload(), StandardCharsets.UTF_8))
                        .isTrue();
                acks.put(ack.subject(), new Ack(Long.parseLong(m.group(1)), store.durableSeq()));
                return true;
            }

            @Override
            public void flushSignal() {
            }
        };
        router.subscribe(new Subscription(replies, "reply.>", null, "1".getBytes(StandardCharsets.US_ASCII)));
        try (Stream stream = new Stream(config, Instant.now(), store, router, services, false)) {
            stream.start();
            InternalPublisher publisher = new InternalPublisher(router, stats, observability, "test");
            byte[] payload = "sixteen bytes...".getBytes(StandardCharsets.US_ASCII);
            // Every publish goes out before any PubAck is awaited: all MESSAGES are in flight.
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish("g.load", "reply." + i, null, payload, 0, payload.length);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (acks.size() < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(5); // polling for the PubAcks, with a deadline
            }
            assertThat(acks).as("PubAcks").hasSize(MESSAGES);
        }
        long forces = store.groupCommitForces();
        System.out.printf("group commit through a stream: %d publishes in flight, %d fsyncs%n", MESSAGES, forces);
        assertThat(acks.values()).allSatisfy(ack -> assertThat(ack.durableWhenSent())
                .as("durable sequence when the PubAck for %d was sent", ack.seq()).isGreaterThanOrEqualTo(ack.seq()));
        assertThat(acks.values().stream().map(Ack::seq).distinct().count()).isEqualTo(MESSAGES);
        assertThat(forces).as("fsyncs for %d publishes", MESSAGES).isPositive().isLessThan(MESSAGES / 4);
    }
}
