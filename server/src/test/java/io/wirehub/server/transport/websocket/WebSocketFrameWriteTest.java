package io.wirehub.server.transport.websocket;

import static io.wirehub.server.transport.websocket.WebSocketPeer.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the server sends: binary frames, browser-sized frames, server-initiated close. */
@Timeout(30)
class WebSocketFrameWriteTest {
    private WebSocketPeer peer;

    @BeforeEach
    void connect() throws IOException {
        peer = new WebSocketPeer();
    }

    @AfterEach
    void disconnect() throws IOException {
        peer.close();
    }

    private static ByteBuffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    @Test
    void oneWriteIsOneUnmaskedBinaryFrameGatheringEveryBuffer() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        ByteBuffer[] buffers = {ByteBuffer.wrap("INFO {}\r\n".getBytes()), direct("MSG a 1 2\r\n"), direct("hi\r\n")};
        transport.write(buffers, 0, 3);
        assertThat(buffers).allSatisfy(buffer -> assertThat(buffer.hasRemaining()).isFalse());
        WebSocketPeer.Frame frame = peer.readFrame();
        assertThat(frame.first()).isEqualTo(0x82);
        assertThat(frame.text()).isEqualTo("INFO {}\r\nMSG a 1 2\r\nhi\r\n");
    }

    @Test
    void longWritesUseTheLongLengthForms() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        String medium = "m".repeat(126);
        String large = "l".repeat(70_000);
        transport.write(new ByteBuffer[] {direct(medium)}, 0, 1);
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(large.getBytes())}, 0, 1);
        assertThat(peer.readFrame().text()).isEqualTo(medium);
        WebSocketPeer.Frame frame = peer.readFrame();
        assertThat(frame.fin()).isTrue();
        assertThat(frame.text()).isEqualTo(large);
    }

    @Test
    void browsersGetFramesOfAtMost4096Bytes() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, true, 1024);
        String first = "a".repeat(3000);
        String second = "b".repeat(7000);
        transport.write(new ByteBuffer[] {direct(first), ByteBuffer.allocate(0), ByteBuffer.wrap(second.getBytes())}, 0, 3);
        List<WebSocketPeer.Frame> frames = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        WebSocketPeer.Frame frame;
        do {
            frame = peer.readFrame();
            frames.add(frame);
            joined.writeBytes(frame.payload());
        } while (!frame.fin());
        assertThat(frames).extracting(f -> f.payload().length).containsExactly(4096, 4096, 1808);
        assertThat(frames).extracting(WebSocketPeer.Frame::first).containsExactly(0x02, 0x00, 0x80);
        assertThat(joined.toString(StandardCharsets.UTF_8)).isEqualTo(first + second);
    }

    @Test
    void closeWithSendsTheCodeAndAShortenedReasonThenCloses() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        transport.write(new ByteBuffer[] {direct("-ERR 'Authorization Violation'\r\n")}, 0, 1);
        String reason = "é".repeat(100); // 200 bytes of UTF-8
        transport.closeWith(1008, reason);
        assertThat(peer.readFrame().text()).isEqualTo("-ERR 'Authorization Violation'\r\n");
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.first()).isEqualTo(0x88);
        assertThat(close.closeCode()).isEqualTo(1008);
        assertThat(close.payload().length).isLessThanOrEqualTo(125);
        // Cut before a whole character: 60 of them (120 bytes), then the dots.
        assertThat(close.closeReason()).isEqualTo("é".repeat(60) + "...");
        assertThat(transport.isOpen()).isFalse();
        assertThat(peer.readToEnd()).isEmpty();
    }

    @Test
    void aReasonThatFitsIsSentWhole() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        String reason = "x".repeat(123);
        transport.closeWith(1001, reason);
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.closeCode()).isEqualTo(1001);
        assertThat(close.closeReason()).isEqualTo(reason);
        assertThat(Frames.closePayload(1011, "y".repeat(124))).hasSize(125)
                .endsWith("y...".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void nothingFollowsAProtocolErrorsCloseFrame() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(frame(0x83, "x"));
        try {
            transport.read(ByteBuffer.allocate(16));
        } catch (WebSocketProtocolException expected) {
            assertThat(expected.statusCode()).isEqualTo(1002);
        }
        // The writer thread may still flush what was queued: it is dropped, not sent after the close.
        ByteBuffer late = direct("late");
        transport.write(new ByteBuffer[] {late}, 0, 1);
        assertThat(late.hasRemaining()).isFalse();
        transport.closeWith(1011, "again");
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.closeCode()).isEqualTo(1002);
        assertThat(close.closeReason()).isEqualTo("unknown opcode 3");
        assertThat(peer.readToEnd()).isEmpty();
    }

    @Test
    void pongsFromTheReaderNeverLandInsideDataFrames() throws Exception {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        int messages = 2000;
        int pings = 500;
        String payload = "z".repeat(3000);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    transport.write(new ByteBuffer[] {direct(payload)}, 0, 1);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                while (transport.read(buffer.clear()) >= 0) {
                    // Only control frames arrive; each read answers pings on the way.
                }
            } catch (IOException e) {
                // The test closes the transport when done.
            }
        });
        Thread pinger = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < pings; i++) {
                    peer.send(frame(0x89, "ping" + i));
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        int data = 0;
        int pongs = 0;
        while (data < messages || pongs < pings) {
            WebSocketPeer.Frame frame = peer.readFrame();
            if (frame.opcode() == 2) {
                assertThat(frame.text()).isEqualTo(payload);
                data++;
            } else {
                assertThat(frame.opcode()).isEqualTo(0xA);
                assertThat(frame.text()).isEqualTo("ping" + pongs);
                pongs++;
            }
        }
        writer.join();
        pinger.join();
        transport.close();
        reader.join();
    }

    @Test
    void identifiesItselfAsWebSocketWithTheForwardedAddress() throws IOException {
        InetAddress forwarded = InetAddress.getByName("203.0.113.9");
        WebSocketTransport viaProxy = new WebSocketTransport(peer.server,
                new HandshakeResult.Accepted(new byte[0], false, false, false, forwarded, "/"),
                WebSocketSettings.defaults(1024));
        assertThat(viaProxy.type()).isEqualTo("websocket");
        assertThat(viaProxy.remoteAddress()).isEqualTo(new InetSocketAddress(forwarded, 0));
        assertThat(viaProxy.tls()).isNull();
        WebSocketTransport direct = peer.transport(false, false, false, 1024);
        assertThat(direct.remoteAddress()).isEqualTo(peer.server.remoteAddress());
    }
}
