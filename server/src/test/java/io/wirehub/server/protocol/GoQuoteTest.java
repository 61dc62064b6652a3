package io.wirehub.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Expected values are what Go's fmt.Sprintf("%q", s) prints. */
class GoQuoteTest {

    private static String quote(byte[] bytes) {
        return GoQuote.quote(bytes, 0, bytes.length);
    }

    @Test
    void quotesLikeGo() {
        assertThat(quote("foo.bar".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"foo.bar\"");
        assertThat(quote("a\"b\\c".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(quote("tab\there\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"tab\\there\\n\"");
        assertThat(quote("héllo".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"héllo\"");
        assertThat(quote(new byte[] {'a', (byte) 0xff, 'b'})).isEqualTo("\"a\\xffb\"");
        assertThat(quote(new byte[] {0x01})).isEqualTo("\"\\x01\"");
        assertThat(quote(new byte[] {0x7f})).isEqualTo("\"\\x7f\"");
    }
}
