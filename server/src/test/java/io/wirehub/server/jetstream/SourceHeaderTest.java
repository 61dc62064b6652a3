package io.wirehub.server.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.jetstream.api.StreamConfig.StreamSource;
import io.wirehub.server.jetstream.api.StreamConfig.TransformConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Nats-Stream-Source header as nats-server 2.10 composes, writes and reads it back. */
class SourceHeaderTest {

    private static StreamSource source(String name, String filter, List<TransformConfig> transforms) {
        return new StreamSource(name, 0, null, filter, transforms, null);
    }

    @Test
    void theIndexNameNormalisesEmptySidesToTheFullWildcard() {
        assertThat(SourceHeader.indexName(source("ORDERS", "", List.of()))).isEqualTo("ORDERS > >");
        assertThat(SourceHeader.indexName(source("ORDERS", "o.new", List.of()))).isEqualTo("ORDERS o.new >");
        assertThat(SourceHeader.indexName(source("O", "", List.of(new TransformConfig("a.*", "b.$1"),
                new TransformConfig("c", ""))))).isEqualTo("O a.*\fc b.$1\f>");
    }

    @Test
    void theValuePutsTheOriginSequenceAfterTheNameAndParsesBack() {
        String value = SourceHeader.value("ORDERS o.new >", 17);
        assertThat(value).isEqualTo("ORDERS 17 o.new >");
        SourceHeader.Position p = SourceHeader.parse(value);
        assertThat(p.indexName()).isEqualTo("ORDERS o.new >");
        assertThat(p.originSeq()).isEqualTo(17);
        assertThat(SourceHeader.parse("ORDERS 17")).as("the pre-2.10 form names no source").isNull();
        assertThat(SourceHeader.parse("ORDERS x > >")).isNull();
    }

    @Test
    void aSourcedBlockDropsExpectationsAndTheOldSourceAndAppendsTheNewOne() {
        byte[] original = ("NATS/1.0\r\nNats-Expected-Last-Sequence: 4\r\nTrace: t1\r\n"
                + "Nats-Stream-Source: UP 3 > >\r\nNats-Msg-Id: m1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(SourceHeader.sourced(original, "O 9 > >"), StandardCharsets.US_ASCII))
                .isEqualTo("NATS/1.0\r\nTrace: t1\r\nNats-Msg-Id: m1\r\nNats-Stream-Source: O 9 > >\r\n\r\n");
        assertThat(new String(SourceHeader.sourced(new byte[0], "O 1 > >"), StandardCharsets.US_ASCII))
                .isEqualTo("NATS/1.0\r\nNats-Stream-Source: O 1 > >\r\n\r\n");
    }
}
