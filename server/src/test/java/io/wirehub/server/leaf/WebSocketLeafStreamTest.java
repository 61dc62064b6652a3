package io.wirehub.server.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leaf stream over a WebSocket: reads that time out as a socket's do, and the close frames. */
@Timeout(30)
class WebSocketLeafStreamTest {

    /** A transport whose reads block until the test hands bytes over; an empty array is the end. */
    private static final class HandedTransport implements Transport {
        final LinkedBlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
        final StringBuilder written = new StringBuilder();
        volatile boolean open = true;

        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                byte[] next = input.take();
                if (next.length == 0) {
                    return -1;
                }
                dst.put(next);
                return next.length;
            } catch (InterruptedException e) {
                throw new IOException("closed");
            }
        }

        @Override
        public synchronized void write(ByteBuffer[] srcs, int offset, int count) {
            for (int i = offset; i < offset + count; i++) {
                byte[] bytes = new byte[srcs[i].remaining()];
                srcs[i].get(bytes);
                written.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('|');
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
            return new InetSocketAddress("127.0.0.1", 4242);
        }

        @Override
        public String type() {
            return "websocket";
        }
    }

    @Test
    void aReadTimesOutAndTheStreamStaysUsable() throws IOException {
        HandedTransport transport = new HandedTransport();
        WebSocketLeafStream stream = new WebSocketLeafStream(transport);
        InputStream in = stream.input();
        stream.readTimeout(100);
        byte[] buffer = new byte[16];
        assertThatThrownBy(() -> in.read(buffer)).isInstanceOf(SocketTimeoutException.class);

        transport.input.add("CONNECT {}\r\n".getBytes(StandardCharsets.ISO_8859_1));
        HubInput lines = new HubInput(in, 1024);
        assertThat(lines.readLine()).isEqualTo("CONNECT {}");
        stream.readTimeout(0);
        transport.input.add("PI".getBytes(StandardCharsets.ISO_8859_1));
        transport.input.add("NG\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(lines.readLine()).isEqualTo("PING");
        transport.input.add(new byte[0]);
        assertThat(in.read(buffer)).isEqualTo(-1);
        assertThat(stream.remoteHost()).isEqualTo("127.0.0.1");
        assertThat(stream.remotePort()).isEqualTo(4242);
        assertThat(stream.socket()).isNull();
    }

    @Test
    void eachWriteGoesOutWhole() throws IOException {
        HandedTransport transport = new HandedTransport();
        WebSocketLeafStream stream = new WebSocketLeafStream(transport);
        stream.output().write("LS+ foo\r\n".getBytes(StandardCharsets.ISO_8859_1));
        stream.output().write("xPONG\r\n".getBytes(StandardCharsets.ISO_8859_1), 1, 6);
        assertThat(transport.written.toString()).isEqualTo("LS+ foo\r\n|PONG\r\n|");
        stream.close("Client Closed"); // not a WebSocketTransport here: a plain close
        assertThat(transport.open).isFalse();
    }

    @Test
    void closeFramesCarryNatsServersStatusAndName() {
        assertThat(WebSocketLeafStream.closeFrame("Authorization Violation"))
                .isEqualTo(new WebSocketLeafStream.CloseFrame(1008, "Authentication Failure"));
        assertThat(WebSocketLeafStream.closeFrame("Authentication Timeout"))
                .isEqualTo(new WebSocketLeafStream.CloseFrame(1008, "Authentication Timeout"));
        assertThat(WebSocketLeafStream.closeFrame("Client Closed"))
                .isEqualTo(new WebSocketLeafStream.CloseFrame(1000, "Client Closed"));
        assertThat(WebSocketLeafStream.closeFrame("Server Shutdown"))
                .isEqualTo(new WebSocketLeafStream.CloseFrame(1001, "Server Shutdown"));
        assertThat(WebSocketLeafStream.closeFrame("Permissions Violation for Subscription to \"x\""))
                .isEqualTo(new WebSocketLeafStream.CloseFrame(1002, "Protocol Violation"));
        assertThat(WebSocketLeafStream.closeFrame("Stale Connection")).isNull();
        assertThat(WebSocketLeafStream.closeFrame(null)).isNull();
    }
}
