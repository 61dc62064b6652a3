package io.wirehub.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op and leniency rule, parsed whole, one byte at a time, and split in two at every offset:
 * the parser must report the same operations (or the same error) however the bytes arrive.
 */
class ProtocolParserTest {
    private static final int MAX_CONTROL_LINE = 4096;
    private static final int MAX_PAYLOAD = 1024 * 1024;

    /** What parsing produced: the operations, then the error that stopped it, if any. */
    record Outcome(List<String> events, ProtocolError error) {
    }

    static Stream<Arguments> validInputs() {
        return Stream.of(
                Arguments.of("PING\r\n", List.of("PING")),
                Arguments.of("ping\r\n", List.of("PING")),
                Arguments.of("PiNg foo bar\r\n", List.of("PING")),
                Arguments.of("PONG\r\n", List.of("PONG")),
                Arguments.of("+OK\r\n", List.of()),
                Arguments.of("PING\n", List.of("PING")),
                Arguments.of("CONNECT {\"verbose\":false}\r\n", List.of("CONNECT {\"verbose\":false}")),
                Arguments.of("connect\t {\"a\":1}\r\n", List.of("CONNECT {\"a\":1}")),
                Arguments.of("CONNECT{}\r\n", List.of("CONNECT {}")),
                Arguments.of("INFO {\"x\":1}\r\n", List.of("INFO {\"x\":1}")),
                Arguments.of("-ERR 'oops'\r\n", List.of("-ERR 'oops'")),
                Arguments.of("PUB foo 5\r\nhello\r\n", List.of("PUB foo size=5 [hello]")),
                Arguments.of("pub foo 2\nhi\r\n", List.of("PUB foo size=2 [hi]")),
                Arguments.of("PUB foo bar 5\r\nhello\r\n", List.of("PUB foo reply=bar size=5 [hello]")),
                Arguments.of("PUB\tfoo \t bar\t5 \t\r\nhello\r\n", List.of("PUB foo reply=bar size=5 [hello]")),
                Arguments.of("PUB NOTIFY 0\r\n\r\n", List.of("PUB NOTIFY size=0 []")),
                Arguments.of("PUB foo 005\r\nhello\r\n", List.of("PUB foo size=005 [hello]")),
                Arguments.of("PUB foo 4\r\n\r\n\r\n\r\n", List.of("PUB foo size=4 [\r\n\r\n]")),
                Arguments.of("HPUB foo.bar rep 24 26\r\nNATS/1.0\r\nA: b\r\nC: d\r\n\r\nhi\r\n",
                        List.of("HPUB foo.bar reply=rep hdr=24 size=26 [NATS/1.0\r\nA: b\r\nC: d\r\n\r\nhi]")),
                Arguments.of("HPUB foo 12 12\r\nNATS/1.0\r\n\r\n\r\n",
                        List.of("HPUB foo hdr=12 size=12 [NATS/1.0\r\n\r\n]")),
                Arguments.of("SUB foo 1\r\n", List.of("SUB foo sid=1")),
                Arguments.of("SUB foo  1\r\n", List.of("SUB foo sid=1")),
                Arguments.of("sub foo.* grp 22 \r\n", List.of("SUB foo.* queue=grp sid=22")),
                Arguments.of("UNSUB 1\r\n", List.of("UNSUB sid=1 max=-1")),
                Arguments.of("UNSUB 1 \r\n", List.of("UNSUB sid=1 max=-1")),
                Arguments.of("UNSUB 1 5\r\n", List.of("UNSUB sid=1 max=5")),
                Arguments.of("UNSUB 1 x\r\n", List.of("UNSUB sid=1 max=-1")),
                Arguments.of("SUB a 1\r\nPUB a 1\r\nx\r\nPING\r\nUNSUB 1\r\n",
                        List.of("SUB a sid=1", "PUB a size=1 [x]", "PING", "UNSUB sid=1 max=-1")));
    }

    @ParameterizedTest
    @MethodSource("validInputs")
    void parsesTheSameHoweverTheBytesArrive(String input, List<String> expected) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parseWhole(bytes)).isEqualTo(new Outcome(expected, null));
        assertEverySplitAgrees(bytes);
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("FOO\r\n", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("PUX foo 1\r\n", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("MSG foo 1 1\r\nx\r\n", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("\r\n", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("PUBfoo 1\r\n", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("-ERR\r\n", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("PUB foo 5\r\nhello!\r\n", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("PUB foo 5\r\nhelloXY", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("PUB foo 5\r\nhello\rX", ProtocolError.UNKNOWN_OPERATION),
                Arguments.of("PUB a b c 3\r\nabc\r\n", ProtocolError.MALFORMED),
                Arguments.of("PUB foo\r\n", ProtocolError.MALFORMED),
                Arguments.of("PUB foo -1\r\n", ProtocolError.MALFORMED),
                Arguments.of("PUB foo 1234567890\r\n", ProtocolError.MALFORMED),
                Arguments.of("PUB foo 2000000\r\n", ProtocolError.MAX_PAYLOAD),
                Arguments.of("SUB foo\r\n", ProtocolError.MALFORMED),
                Arguments.of("SUB a b c d\r\n", ProtocolError.MALFORMED),
                Arguments.of("UNSUB 1 2 3\r\n", ProtocolError.MALFORMED),
                Arguments.of("HPUB foo 30 20\r\n", ProtocolError.MALFORMED),
                Arguments.of("HPUB foo 1 2 3 4 5\r\n", ProtocolError.MALFORMED),
                Arguments.of("PUB " + "x".repeat(MAX_CONTROL_LINE) + " 1\r\n", ProtocolError.MAX_CONTROL_LINE),
                Arguments.of("CONNECT " + "x".repeat(MAX_CONTROL_LINE + 1) + "\r\n", ProtocolError.MAX_CONTROL_LINE),
                Arguments.of("SUB " + "y".repeat(MAX_CONTROL_LINE + 10), ProtocolError.MAX_CONTROL_LINE));
    }

    @ParameterizedTest
    @MethodSource("invalidInputs")
    void reportsTheSameErrorHoweverTheBytesArrive(String input, ProtocolError error) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parseWhole(bytes).error()).isEqualTo(error);
        assertEverySplitAgrees(bytes);
    }

    /**
     * A payload collected across reads into an array the parser then drops (above 64 KiB) is
     * handed over as detached, and that array is never written again; a smaller one, whose array
     * the parser reuses, is not.
     */
    @Test
    void largePayloadCollectedAcrossReadsIsHandedOverDetached() throws ProtocolViolation {
        List<byte[]> kept = new ArrayList<>();
        List<Boolean> detached = new ArrayList<>();
        OpHandler handler = new RecordingHandler() {
            @Override
            public void onPublish(PublishArgs a, byte[] data, int dataOffset) {
                detached.add(false);
            }

            @Override
            public void onPublishDetached(PublishArgs a, byte[] data, int dataOffset) {
                detached.add(true);
                kept.add(data);
            }
        };
        ProtocolParser parser = new ProtocolParser(handler, MAX_CONTROL_LINE, MAX_PAYLOAD);
        for (int size : new int[] {200_000, 1_000, 200_000, 70_000}) {
            byte[] payload = new byte[size];
            java.util.Arrays.fill(payload, (byte) size);
            byte[] line = ("PUB big " + size + "\r\n").getBytes(StandardCharsets.US_ASCII);
            parser.parse(line, 0, line.length);
            parser.parse(java.util.Arrays.copyOf(payload, size / 2), 0, size / 2);
            byte[] rest = java.util.Arrays.copyOfRange(payload, size / 2, size + 2);
            rest[rest.length - 2] = '\r';
            rest[rest.length - 1] = '\n';
            parser.parse(rest, 0, rest.length);
        }
        assertThat(detached).containsExactly(true, false, true, true);
        assertThat(kept).hasSize(3);
        assertThat(kept.get(0)).isNotSameAs(kept.get(1)).isNotSameAs(kept.get(2));
        assertThat(kept.get(0)).hasSize(200_000).containsOnly((byte) 200_000);
        assertThat(kept.get(1)).hasSize(200_000).containsOnly((byte) 200_000);
        assertThat(kept.get(2)).hasSize(70_000).containsOnly((byte) 70_000);
    }

    @Test
    void hpubIsRefusedUntilHeadersAreNegotiated() {
        byte[] bytes = "HPUB foo 12 12\r\nNATS/1.0\r\n\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, MAX_CONTROL_LINE, MAX_PAYLOAD);
        assertThat(parse(parser, handler, List.of(bytes)).error()).isEqualTo(ProtocolError.MALFORMED);
    }

    @Test
    void connectRequiredRefusesAnyOtherFirstOp() {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, MAX_CONTROL_LINE, MAX_PAYLOAD);
        parser.connectRequired(true);
        Outcome outcome = parse(parser, handler, List.of("PING\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(outcome.error()).isEqualTo(ProtocolError.AUTHORIZATION_VIOLATION);

        RecordingHandler second = new RecordingHandler();
        ProtocolParser allowed = new ProtocolParser(second, MAX_CONTROL_LINE, MAX_PAYLOAD);
        allowed.connectRequired(true);
        Outcome ok = parse(allowed, second, List.of("CONNECT {}\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(ok).isEqualTo(new Outcome(List.of("CONNECT {}"), null));
    }

    @Test
    void unterminatedLineFailsAsSoonAsItPassesTheLimitWithoutBufferingMore() {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, 16, MAX_PAYLOAD);
        byte[] chunk = "PUB aaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
        byte[] more = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes(StandardCharsets.US_ASCII);
        Outcome outcome = parse(parser, handler, List.of(chunk, more));
        assertThat(outcome.error()).isEqualTo(ProtocolError.MAX_CONTROL_LINE);
    }

    @Test
    void controlLineLimitCountsOnlyTheArgumentPart() {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, 7, MAX_PAYLOAD);
        byte[] exactly = "PUB    abcde 1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(parse(parser, handler, List.of(exactly))).isEqualTo(new Outcome(List.of("PUB abcde size=1 [x]"), null));
    }

    @Test
    void maxPayloadIsCheckedOnTheControlLineBeforeAnyPayloadArrives() {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, MAX_CONTROL_LINE, 10);
        Outcome outcome = parse(parser, handler, List.of("PUB foo 11\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(outcome.error()).isEqualTo(ProtocolError.MAX_PAYLOAD);
    }

    @Test
    void largePayloadAcrossManyReadsArrivesWhole() {
        int size = 300_000;
        StringBuilder payload = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            payload.append((char) ('a' + i % 26));
        }
        byte[] bytes = ("PUB big 300000\r\n" + payload + "\r\nPING\r\n").getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += 4093) {
            chunks.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 4093)));
        }
        RecordingHandler handler = new RecordingHandler();
        Outcome outcome = parse(new ProtocolParser(handler, MAX_CONTROL_LINE, MAX_PAYLOAD), handler, chunks);
        assertThat(outcome.events()).containsExactly("PUB big size=300000 [" + payload + "]", "PING");
    }

    private static void assertEverySplitAgrees(byte[] bytes) {
        Outcome whole = parseWhole(bytes);
        List<byte[]> singleBytes = new ArrayList<>();
        for (byte b : bytes) {
            singleBytes.add(new byte[] {b});
        }
        RecordingHandler byteHandler = new RecordingHandler();
        assertThat(parse(headersParser(byteHandler), byteHandler, singleBytes))
                .as("one byte at a time").isEqualTo(whole);
        for (int split = 1; split < bytes.length; split++) {
            RecordingHandler handler = new RecordingHandler();
            ProtocolParser parser = headersParser(handler);
            Outcome outcome = parse(parser, handler, List.of(
                    java.util.Arrays.copyOfRange(bytes, 0, split),
                    java.util.Arrays.copyOfRange(bytes, split, bytes.length)));
            assertThat(outcome).as("split at %d", split).isEqualTo(whole);
        }
    }

    private static Outcome parseWhole(byte[] bytes) {
        RecordingHandler handler = new RecordingHandler();
        return parse(headersParser(handler), handler, List.of(bytes));
    }

    private static ProtocolParser headersParser(RecordingHandler handler) {
        ProtocolParser parser = new ProtocolParser(handler, MAX_CONTROL_LINE, MAX_PAYLOAD);
        parser.headersEnabled(true);
        return parser;
    }

    /** Feeds each chunk through a scratch array reused between reads, like a real read loop. */
    private static Outcome parse(ProtocolParser parser, RecordingHandler handler, List<byte[]> chunks) {
        byte[] readBuffer = new byte[chunks.stream().mapToInt(c -> c.length).max().orElse(0) + 8];
        try {
            for (byte[] chunk : chunks) {
                java.util.Arrays.fill(readBuffer, (byte) '#');
                System.arraycopy(chunk, 0, readBuffer, 3, chunk.length);
                parser.parse(readBuffer, 3, chunk.length);
            }
            return new Outcome(handler.events, null);
        } catch (ProtocolViolation violation) {
            return new Outcome(handler.events, violation.error());
        }
    }
}
