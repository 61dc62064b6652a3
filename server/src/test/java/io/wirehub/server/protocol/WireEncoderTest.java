package io.wirehub.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireEncoderTest {
    private static final byte[] SID = "42".getBytes(StandardCharsets.US_ASCII);

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Collects what is written, and the sizes reserved before. */
    private static final class RecordingSink implements ByteSink {
        final ByteArraySink bytes = new ByteArraySink(8);
        int reserved;
        boolean refuse;

        @Override
        public boolean reserve(int size) {
            reserved += size;
            return !refuse;
        }

        @Override
        public void put(byte[] src, int offset, int length) {
            bytes.put(src, offset, length);
        }

        @Override
        public void put(byte b) {
            bytes.put(b);
        }
    }

    /** Encodes one message and checks the size reserved against what was written. */
    private static String encode(PublishArgs args, byte[] data, boolean receiverHeaders) {
        RecordingSink sink = new RecordingSink();
        WireEncoder.writeMessage(sink, args, data, 0, SID, receiverHeaders);
        byte[] written = sink.bytes.toByteArray();
        assertThat(written).hasSize(sink.reserved);
        return text(written);
    }

    @Test
    void aFrameTheSinkRefusesIsNotWrittenAtAll() {
        PublishArgs args = new PublishArgs();
        args.compose("a", null, 0, 3);
        RecordingSink sink = new RecordingSink();
        sink.refuse = true;
        assertThat(WireEncoder.writeMessage(sink, args, "abc".getBytes(StandardCharsets.US_ASCII), 0, SID, true))
                .isEqualTo(-1);
        assertThat(sink.bytes.toByteArray()).isEmpty();
    }

    /** Parses a client's op with the real parser, so the encoder sees the args the parser makes. */
    private static String encodeParsed(String op, boolean receiverHeaders) throws ProtocolViolation {
        String[] out = new String[1];
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void onPublish(PublishArgs args, byte[] data, int dataOffset) {
                byte[] body = java.util.Arrays.copyOfRange(data, dataOffset, dataOffset + args.totalLength());
                out[0] = encode(args, body, receiverHeaders);
            }
        };
        ProtocolParser parser = new ProtocolParser(handler, 4096, 1 << 20);
        parser.headersEnabled(true);
        byte[] bytes = op.getBytes(StandardCharsets.ISO_8859_1);
        parser.parse(bytes, 0, bytes.length);
        return out[0];
    }

    @Test
    void aPublishBecomesAMsgEchoingTheSizeDigitsAsWritten() throws ProtocolViolation {
        assertThat(encodeParsed("PUB orders.eu _INBOX.1 05\r\nhello\r\n", true))
                .isEqualTo("MSG orders.eu 42 _INBOX.1 05\r\nhello\r\n");
    }

    @Test
    void headersGoAsHmsgOrAreStrippedForAReceiverWithoutThem() throws ProtocolViolation {
        String hpub = "HPUB a 12 14\r\nNATS/1.0\r\n\r\nhi\r\n";
        assertThat(encodeParsed(hpub, true)).isEqualTo("HMSG a 42 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
        assertThat(encodeParsed(hpub, false)).isEqualTo("MSG a 42 2\r\nhi\r\n");
    }

    @Test
    void composedArgsEncodeLikeParsedOnes() throws ProtocolViolation {
        PublishArgs args = new PublishArgs();
        byte[] headers = "NATS/1.0\r\nK: v\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] data = (new String(headers, StandardCharsets.US_ASCII) + "body").getBytes(StandardCharsets.US_ASCII);
        args.compose("svc.reply", "_INBOX.x", headers.length, data.length);
        assertThat(encode(args, data, true)).isEqualTo(encodeParsed(
                "HPUB svc.reply _INBOX.x 18 22\r\nNATS/1.0\r\nK: v\r\n\r\nbody\r\n", true));
        args.compose("plain", null, 0, 3);
        assertThat(encode(args, "abc".getBytes(StandardCharsets.US_ASCII), true)).isEqualTo("MSG plain 42 3\r\nabc\r\n");
    }

    @Test
    void composeRefusesWhatCouldNotTravelAsOneArgument() {
        PublishArgs args = new PublishArgs();
        assertThatThrownBy(() -> args.compose("a b", null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> args.compose("", null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> args.compose("a", "r\r\n", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noRespondersIsAStatusMessageToTheRequestersOwnSubscription() {
        assertThat(text(WireEncoder.statusMessage("_INBOX.abc", SID, WireEncoder.NO_RESPONDERS)))
                .isEqualTo("HMSG _INBOX.abc 42 16 16\r\nNATS/1.0 503\r\n\r\n\r\n");
        assertThat(text(WireEncoder.statusHeader(408, "Request Timeout")))
                .isEqualTo("NATS/1.0 408 Request Timeout\r\n\r\n");
    }

    @Test
    void infoCarriesTheListenersFieldsThenTheConnectionsInNatsServersOrder() {
        ServerInfo info = new ServerInfo("NID", "name", "java21", "127.0.0.1", 4222, true, 1024)
                .withTls(true, true, false);
        assertThat(text(WireEncoder.info(info, 7, "10.0.0.1", "abc", true, true))).isEqualTo(
                "INFO {\"server_id\":\"NID\",\"server_name\":\"name\",\"version\":\"" + ServerInfo.PROTOCOL_VERSION
                + "\",\"proto\":1,\"go\":\"java21\",\"host\":\"127.0.0.1\",\"port\":4222,\"headers\":true,"
                + "\"auth_required\":true,\"tls_required\":true,\"tls_verify\":true,\"max_payload\":1024,"
                + "\"client_id\":7,\"client_ip\":\"10.0.0.1\",\"nonce\":\"abc\",\"ldm\":true} \r\n");
    }

    @Test
    void digitsAreWrittenWithoutLeadingZeros() {
        ByteArraySink sink = new ByteArraySink(4);
        for (long value : new long[] {0, 7, 1048576, Long.MAX_VALUE}) {
            WireEncoder.putDigits(sink, value);
            sink.put((byte) ' ');
        }
        assertThat(text(sink.toByteArray())).isEqualTo("0 7 1048576 " + Long.MAX_VALUE + " ");
    }
}
