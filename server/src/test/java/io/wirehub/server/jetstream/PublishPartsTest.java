package io.wirehub.server.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.jetstream.api.JsErrorKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The small parts of the publish path: header lookup, the dedupe window, PubAck bytes. */
class PublishPartsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void headersAreFoundAsNatsServerFindsThem() {
        byte[] h = bytes("NATS/1.0\r\nNats-Msg-Id:   abc \r\nNats-Expected-Last-Sequence: 12\r\n\r\n");
        assertThat(NatsHeaders.value(h, "Nats-Msg-Id")).isEqualTo("abc ");
        assertThat(NatsHeaders.sequence(h, "Nats-Expected-Last-Sequence")).isEqualTo(12L);
        assertThat(NatsHeaders.value(h, "nats-msg-id")).as("names match case-sensitively").isNull();
        assertThat(NatsHeaders.value(h, "Nats-Expected-Stream")).isNull();
        // The first occurrence decides: here it is inside another header's value, so none is found.
        byte[] inValue = bytes("NATS/1.0\r\nX: Nats-Msg-Id\r\nNats-Msg-Id: real\r\n\r\n");
        assertThat(NatsHeaders.value(inValue, "Nats-Msg-Id")).isNull();
        assertThat(NatsHeaders.sequence(bytes("NATS/1.0\r\nNats-Expected-Last-Sequence: 1x\r\n\r\n"),
                "Nats-Expected-Last-Sequence")).isEqualTo(-1L);
    }

    @Test
    void idsExpireOnceTheWindowHasPassed() {
        DedupeWindow window = new DedupeWindow(100);
        window.record("a", 1, 1000);
        window.record("b", 2, 1050);
        assertThat(window.seqOf("a", 1099)).isEqualTo(1);
        assertThat(window.seqOf("a", 1100)).isEqualTo(-1);
        assertThat(window.seqOf("b", 1100)).isEqualTo(2);
        assertThat(window.size()).isEqualTo(1);
        window.expire(1150);
        assertThat(window.size()).as("expired without a lookup").isZero();
    }

    @Test
    void pubAcksAreNatsServersBytes() {
        PubAckWriter plain = new PubAckWriter("S", "");
        assertThat(new String(plain.stored(7), StandardCharsets.UTF_8)).isEqualTo("{\"stream\":\"S\", \"seq\":7}");
        assertThat(new String(plain.duplicate(2), StandardCharsets.UTF_8))
                .isEqualTo("{\"stream\":\"S\", \"seq\":2,\"duplicate\": true}");
        assertThat(new String(new PubAckWriter("S", "hub").stored(1), StandardCharsets.UTF_8))
                .isEqualTo("{\"stream\":\"S\", \"domain\":\"hub\", \"seq\":1}");
        assertThat(new String(plain.error(JsErrorKind.STREAM_WRONG_LAST_SEQUENCE.error("2")), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":{\"code\":400,\"err_code\":10071,\"description\":\"wrong last sequence: 2\"},"
                        + "\"stream\":\"S\",\"seq\":0}");
    }
}
