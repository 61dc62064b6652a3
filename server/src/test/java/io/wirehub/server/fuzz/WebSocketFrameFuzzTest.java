package io.wirehub.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirehub.server.transport.CloseNotice;
import io.wirehub.server.transport.Transport;
import io.wirehub.server.transport.websocket.HandshakeResult;
import io.wirehub.server.transport.websocket.WebSocketProtocolException;
import io.wirehub.server.transport.websocket.WebSocketSettings;
import io.wirehub.server.transport.websocket.WebSocketTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the WebSocket frame reader (Jazzer): whatever bytes a client sends,
 * masked or not, compressed or not, in reads of any size, reading either yields NATS bytes, ends
 * the stream, or fails with an IOException (a {@link WebSocketProtocolException} carrying a valid
 * close code) — never another exception — and never yields more bytes per message than the cap.
 */
class WebSocketFrameFuzzTest {
    private static final int CAP = 64 * 1024;

    /** Bytes from the fuzzer, handed over in reads of the fuzzer's chosen sizes; writes are dropped. */
    private static final class FuzzedTransport implements Transport {
        private final byte[] input;
        private final int chunk;
        private int position;
        private boolean open = true;

        FuzzedTransport(byte[] input, int chunk) {
            this.input = input;
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= input.length) {
                return -1;
            }
            int n = Math.min(Math.min(chunk, dst.remaining()), input.length - position);
            dst.put(input, position, n);
            position += n;
            return n;
        }

        @Override
        public void write(ByteBuffer[] srcs, int offset, int count) {
            for (int i = offset; i < offset + count; i++) {
                srcs[i].position(srcs[i].limit());
            }
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(0);
        }

        @Override
        public String type() {
            return "fuzz";
        }
    }

    @FuzzTest(maxDuration = "20s")
    void framesNeverBreakTheReader(FuzzedDataProvider data) {
        boolean compression = data.consumeBoolean();
        boolean noMasking = data.consumeBoolean();
        int chunk = data.consumeInt(1, 4096);
        byte[] input = data.consumeRemainingAsBytes();
        HandshakeResult.Accepted handshake = new HandshakeResult.Accepted(new byte[0], compression, noMasking, false,
                null, "/");
        WebSocketTransport ws = new WebSocketTransport(new FuzzedTransport(input, chunk), handshake,
                WebSocketSettings.defaults(CAP));
        ByteBuffer into = ByteBuffer.allocate(8192);
        long total = 0;
        try {
            for (int reads = 0; reads < 100_000; reads++) {
                into.clear();
                int n = ws.read(into);
                if (n < 0) {
                    break;
                }
                total += n;
                // At most one capped message per input byte that could carry a frame header: bounded output.
                assertThat(total).isLessThanOrEqualTo((long) CAP * (input.length / 2 + 1));
            }
        } catch (WebSocketProtocolException e) {
            assertThat(e.statusCode()).isIn(1002, 1007, 1009);
        } catch (IOException e) {
            // End of input in the middle of a frame: the connection simply ends.
        } finally {
            ws.closeGracefully(CloseNotice.NONE, "");
        }
    }
}
