package io.wirehub.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirehub.server.protocol.OpHandler;
import io.wirehub.server.protocol.ProtocolError;
import io.wirehub.server.protocol.ProtocolParser;
import io.wirehub.server.protocol.ProtocolViolation;
import io.wirehub.server.protocol.PublishArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the protocol parser (Jazzer). Whatever bytes arrive, split however,
 * the parser either reports operations or a {@link ProtocolViolation} — never another exception —
 * and reports exactly the same whether the input comes whole or in pieces.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the stored inputs; {@code .ci/run} fuzzes each target
 * for a bounded time, and {@code JAZZER_FUZZ=1 mvn -pl server test -Dtest=ProtocolParserFuzzTest}
 * runs a longer session by hand.
 */
class ProtocolParserFuzzTest {

    /** Records every op as text, plus the error that ended the parse. */
    private static final class Recorder implements OpHandler {
        final List<String> events = new ArrayList<>();

        private void add(String op, byte[] buf, int offset, int length) {
            events.add(op + ":" + Arrays.hashCode(Arrays.copyOfRange(buf, offset, offset + length)) + ":" + length);
        }

        @Override
        public void onConnect(byte[] buf, int offset, int length) {
            add("CONNECT", buf, offset, length);
        }

        @Override
        public void onPublish(PublishArgs args, byte[] data, int dataOffset) {
            add("PUB-subject", args.line(), args.subjectOffset(), args.subjectLength());
            add("PUB-data", data, dataOffset, args.totalLength());
            events.add("hdr=" + args.headerLength() + " reply=" + args.replyLength());
        }

        @Override
        public void onSubscribe(byte[] line, int subjectOffset, int subjectLength, int queueOffset, int queueLength,
                                int sidOffset, int sidLength) {
            add("SUB", line, subjectOffset, subjectLength);
            add("SID", line, sidOffset, sidLength);
            events.add("queue=" + queueLength);
        }

        @Override
        public void onUnsubscribe(byte[] line, int sidOffset, int sidLength, long maxMessages) {
            add("UNSUB", line, sidOffset, sidLength);
            events.add("max=" + maxMessages);
        }

        @Override
        public void onPing() {
            events.add("PING");
        }

        @Override
        public void onPong() {
            events.add("PONG");
        }

        @Override
        public void onInfo(byte[] buf, int offset, int length) {
            add("INFO", buf, offset, length);
        }

        @Override
        public void onClientError(byte[] buf, int offset, int length) {
            add("ERR", buf, offset, length);
        }
    }

    private record Outcome(List<String> events, ProtocolError error) {
    }

    private static Outcome parse(byte[] input, int[] cuts, int maxControlLine, int maxPayload) {
        Recorder recorder = new Recorder();
        ProtocolParser parser = new ProtocolParser(recorder, maxControlLine, maxPayload);
        parser.headersEnabled(true);
        byte[] readBuffer = new byte[input.length + 16];
        int from = 0;
        try {
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : input.length;
                // A dirty, reused read buffer, as in the real reader: stale bytes must never leak.
                Arrays.fill(readBuffer, (byte) 'Z');
                System.arraycopy(input, from, readBuffer, 7, to - from);
                parser.parse(readBuffer, 7, to - from);
                from = to;
            }
            return new Outcome(recorder.events, null);
        } catch (ProtocolViolation violation) {
            return new Outcome(recorder.events, violation.error());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void splitReadsParseLikeOneRead(FuzzedDataProvider data) {
        int maxControlLine = data.consumeInt(8, 256);
        int maxPayload = data.consumeInt(0, 4096);
        int pieces = data.consumeInt(0, 8);
        byte[] input = data.consumeRemainingAsBytes();
        int[] cuts = new int[Math.min(pieces, input.length)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (int) ((long) (i + 1) * input.length / (cuts.length + 1));
        }
        Outcome whole = parse(input, new int[0], maxControlLine, maxPayload);
        Outcome split = parse(input, cuts, maxControlLine, maxPayload);
        assertThat(split).isEqualTo(whole);
    }
}
