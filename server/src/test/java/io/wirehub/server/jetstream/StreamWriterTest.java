package io.wirehub.server.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.store.MemoryStore;
import io.wirehub.server.jetstream.store.StoreLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The publish path on a store: what a writer opened on a recovered store still knows of ids. */
class StreamWriterTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final MemoryStore store = new MemoryStore(StoreLimits.NONE, 1, now::get);
    private final StreamConfig config = new StreamConfig("S", "", List.of("s.>"), StreamConfig.Retention.LIMITS,
            -1, -1, -1, 0, -1, -1, StreamConfig.Discard.OLD, StreamConfig.Storage.MEMORY, 1, false, "",
            10 * SECOND, null, null, List.of(), StreamConfig.Compression.NONE, 0, null, null, false, false, false,
            false, false, false, false, StreamConfig.ConsumerLimits.NONE, java.util.Map.of());

    private StreamWriter writer(boolean recovered) {
        return new StreamWriter(store, new PubAckWriter("S", ""), config, recovered, now::get);
    }

    private static InboundMessage withId(String id) {
        byte[] headers = ("NATS/1.0\r\nNats-Msg-Id: " + id + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return new InboundMessage("s.a", "reply", headers, new byte[0]);
    }

    private String ack(StreamWriter writer, InboundMessage m) {
        return new String(writer.write(m, config, new java.util.ArrayList<>()).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void aRecoveredWriterKnowsOnlyTheIdsInsideTheWindow() {
        StreamWriter first = writer(false);
        for (int i = 1; i <= 20; i++) {
            ack(first, withId("id" + i));
            now.addAndGet(SECOND);
        }
        // Now is 1020 s; the window is 10 s, so ids stored after 1010 s (id12 on) are still known.
        StreamWriter recovered = writer(true);
        assertThat(ack(recovered, withId("id11"))).isEqualTo("{\"stream\":\"S\", \"seq\":21}");
        assertThat(ack(recovered, withId("id12"))).isEqualTo("{\"stream\":\"S\", \"seq\":12,\"duplicate\": true}");
        assertThat(ack(recovered, withId("id20"))).isEqualTo("{\"stream\":\"S\", \"seq\":20,\"duplicate\": true}");
    }

    @Test
    void theLastIdIsRecoveredForExpectedLastMsgId() {
        StreamWriter first = writer(false);
        ack(first, withId("a"));
        ack(first, withId("b"));
        StreamWriter recovered = writer(true);
        byte[] expect = "NATS/1.0\r\nNats-Expected-Last-Msg-Id: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ack(recovered, new InboundMessage("s.a", "r", expect, new byte[0])))
                .contains("\"err_code\":10070").contains("wrong last msg ID: b");
    }
}
