package io.wirehub.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared bucket's value format: what one process writes another reads, and nothing damaged is served. */
class SharedReplyStoreTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReplyReadsBackWithItsHeadersBodyAndExpiry() {
        Headers headers = new Headers().put("Cache-Control", "max-age=30").add("X-Tag", "a", "b");
        byte[] value = SharedReplyStore.encode("price", headers, text("AAPL 101.5"), 1_700_000_000_123L);
        SharedReplyStore.SharedReply reply = SharedReplyStore.decode(value, "price");
        assertThat(reply).isNotNull();
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("AAPL 101.5");
        assertThat(reply.headers().get("X-Tag")).containsExactly("a", "b");
        assertThat(reply.headers().getFirst("Cache-Control")).isEqualTo("max-age=30");
        assertThat(reply.expiresAtMillis()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void aValueForAnotherSubjectCutShortOrForeignIsNotServed() {
        byte[] value = SharedReplyStore.encode("price", new Headers().put("A", "1"), text("body"), 42);
        assertThat(SharedReplyStore.decode(value, "other")).as("another subject under the same key").isNull();
        for (int cut = 0; cut < value.length; cut++) {
            assertThat(SharedReplyStore.decode(Arrays.copyOf(value, cut), "price")).as("cut at %d", cut).isNull();
        }
        byte[] longer = Arrays.copyOf(value, value.length + 1);
        assertThat(SharedReplyStore.decode(longer, "price")).as("trailing bytes").isNull();
        assertThat(SharedReplyStore.decode(text("{\"json\":true}"), "price")).as("someone else's value").isNull();
    }

    @Test
    void randomDamageNeverThrowsOrAllocatesPastTheValue() {
        byte[] value = SharedReplyStore.encode("s", new Headers().put("K", "V"), new byte[100], 7);
        Random random = new Random(20261205);
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = value.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            SharedReplyStore.SharedReply reply = SharedReplyStore.decode(damaged, "s");
            if (reply != null) {
                assertThat(reply.body().length).isLessThanOrEqualTo(damaged.length);
            }
        }
    }

    @Test
    void theKeyIsAValidKvKeyAndTellsSubjectFromBody() {
        String key = SharedReplyStore.key("a.b", text("c"));
        assertThat(key).matches("r\\.[0-9a-f]{64}");
        assertThat(key).isNotEqualTo(SharedReplyStore.key("a.bc", new byte[0]));
        assertThat(key).isEqualTo(SharedReplyStore.key("a.b", text("c")));
    }
}
