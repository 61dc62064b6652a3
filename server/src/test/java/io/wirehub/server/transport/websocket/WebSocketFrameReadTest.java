package io.wirehub.server.transport.websocket;

import static io.wirehub.server.transport.websocket.WebSocketPeer.closePayload;
import static io.wirehub.server.transport.websocket.WebSocketPeer.concat;
import static io.wirehub.server.transport.websocket.WebSocketPeer.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the server reads: client frames over a real loopback socket, decoded to NATS bytes. */
@Timeout(30)
class WebSocketFrameReadTest {
    private static final int FIN_TEXT = 0x81;
    private static final int FIN_BINARY = 0x82;
    private static final int TEXT = 0x01;
    private static final int CONTINUATION = 0x00;
    private static final int FIN_CONTINUATION = 0x80;
    private static final int CLOSE = 0x88;
    private static final int PING = 0x89;
    private static final int PONG = 0x8A;

    private WebSocketPeer peer;

    @BeforeEach
    void connect() throws IOException {
        peer = new WebSocketPeer();
    }

    @AfterEach
    void disconnect() throws IOException {
        peer.close();
    }

    /** Reads until {@code count} NATS bytes came, as the connection's reader would. */
    private static String read(WebSocketTransport transport, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            int n = transport.read(buffer);
            assertThat(n).as("bytes read").isPositive();
        }
        return new String(buffer.array(), StandardCharsets.UTF_8);
    }

    private void expectClose(WebSocketTransport transport, int code, String reason) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        assertThatThrownBy(() -> {
            while (true) {
                transport.read(buffer.clear());
            }
        }).isInstanceOfSatisfying(WebSocketProtocolException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(reason);
        });
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.opcode()).isEqualTo(8);
        assertThat(close.fin()).isTrue();
        assertThat(close.closeCode()).isEqualTo(code);
        assertThat(close.closeReason()).isEqualTo(reason);
        // And it stays broken: the connection layer may read again before it closes.
        assertThatThrownBy(() -> transport.read(buffer.clear())).isInstanceOf(WebSocketProtocolException.class);
    }

    @Test
    void textAndBinaryFramesCarryNatsBytes() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(concat(frame(FIN_TEXT, "PING\r\n"), frame(FIN_BINARY, "PONG\r\n")));
        assertThat(read(transport, 12)).isEqualTo("PING\r\nPONG\r\n");
    }

    @Test
    void anOpMaySpanFramesAndFramesOfEveryLengthEncoding() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1 << 20);
        String big = "x".repeat(70_000);
        String medium = "y".repeat(300);
        peer.send(concat(frame(FIN_BINARY, "PI"), frame(FIN_BINARY, "NG\r\n"), frame(FIN_BINARY, medium),
                frame(FIN_BINARY, big), frame(FIN_BINARY, new byte[0])));
        assertThat(read(transport, 6 + 300 + 70_000)).isEqualTo("PING\r\n" + medium + big);
    }

    @Test
    void fragmentsAreJoinedAndControlFramesMayComeBetweenThem() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(concat(frame(TEXT, "PUB a 5\r\n"), frame(PING, "mid"), frame(CONTINUATION, "hel"),
                frame(FIN_CONTINUATION, "lo\r\n")));
        assertThat(read(transport, 16)).isEqualTo("PUB a 5\r\nhello\r\n");
        WebSocketPeer.Frame pong = peer.readFrame();
        assertThat(pong.opcode()).isEqualTo(0xA);
        assertThat(pong.text()).isEqualTo("mid");
    }

    @Test
    void pingIsAnsweredWithTheSamePayloadAndPongIsIgnored() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        byte[] payload = new byte[125];
        Arrays.fill(payload, (byte) 'p');
        peer.send(concat(frame(PONG, "ignored"), frame(PING, payload), frame(FIN_BINARY, "+OK\r\n")));
        assertThat(read(transport, 5)).isEqualTo("+OK\r\n");
        WebSocketPeer.Frame pong = peer.readFrame();
        assertThat(pong.first()).isEqualTo(0x8A);
        assertThat(pong.payload()).isEqualTo(payload);
    }

    @Test
    void closeIsEchoedAndEndsTheStream() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(concat(frame(FIN_BINARY, "PING\r\n"), frame(CLOSE, closePayload(1000, "bye".getBytes()))));
        assertThat(read(transport, 6)).isEqualTo("PING\r\n");
        assertThat(transport.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        assertThat(transport.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.first()).isEqualTo(0x88);
        assertThat(close.closeCode()).isEqualTo(1000);
        assertThat(close.closeReason()).isEqualTo("bye");
    }

    @Test
    void anEmptyCloseGetsAnEmptyEcho() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(frame(CLOSE, new byte[0]));
        assertThat(transport.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.opcode()).isEqualTo(8);
        assertThat(close.payload()).isEmpty();
    }

    @Test
    void aDroppedConnectionIsTheEndOfTheStream() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        // Half a frame header, then the client goes.
        peer.send(new byte[] {(byte) FIN_BINARY});
        peer.client.shutdownOutput();
        assertThat(transport.read(ByteBuffer.allocate(16))).isEqualTo(-1);
    }

    @Test
    void unmaskedFramesAreAllowedAfterNatsNoMasking() throws IOException {
        WebSocketTransport transport = peer.transport(false, true, false, 1024);
        peer.send(concat(frame(FIN_BINARY, "PING\r\n".getBytes(), false), frame(FIN_BINARY, "PONG\r\n")));
        assertThat(read(transport, 12)).isEqualTo("PING\r\nPONG\r\n");
    }

    static Stream<Arguments> protocolErrors() {
        byte[] negativeLength = {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
        return Stream.of(
                Arguments.of("unmasked", frame(FIN_BINARY, "PING\r\n".getBytes(), false), "mask bit missing"),
                Arguments.of("rsv2", frame(0x82 | 0x20, "x"), "reserved bits set"),
                Arguments.of("rsv3", frame(0x82 | 0x10, "x"), "reserved bits set"),
                Arguments.of("rsv1 without compression", frame(0x82 | 0x40, "x"),
                        "compression bit set but compression was not negotiated"),
                Arguments.of("rsv1 on a ping", frame(PING | 0x40, "x"), "reserved bits set"),
                Arguments.of("opcode 3", frame(0x83, "x"), "unknown opcode 3"),
                Arguments.of("opcode 11", frame(0x8B, "x"), "unknown opcode 11"),
                Arguments.of("ping over 125", frame(PING, new byte[126]),
                        "control frame length bigger than maximum allowed of 125 bytes"),
                Arguments.of("fragmented ping", frame(0x09, "x"), "control frame does not have final bit set"),
                Arguments.of("fragmented close", frame(0x08, closePayload(1000, new byte[0])),
                        "control frame does not have final bit set"),
                Arguments.of("continuation first", frame(FIN_CONTINUATION, "x"), "invalid continuation frame"),
                Arguments.of("new message inside one", concat(frame(TEXT, "a"), frame(FIN_BINARY, "b")),
                        "new message started before final frame for previous message was received"),
                Arguments.of("64-bit length with the top bit set", negativeLength, "invalid frame length"),
                Arguments.of("close of 1 byte", frame(CLOSE, new byte[] {3}), "close frame payload of 1 byte"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    void protocolErrorsCloseWith1002(String name, byte[] frames, String reason) throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(frames);
        expectClose(transport, 1002, reason);
    }

    @Test
    void rsv1OnAContinuationIsAProtocolErrorEvenWithCompression() throws IOException {
        WebSocketTransport transport = peer.transport(true, false, false, 1024);
        peer.send(concat(frame(TEXT, "a"), frame(FIN_CONTINUATION | 0x40, "b")));
        assertThat(read(transport, 1)).isEqualTo("a");
        expectClose(transport, 1002, "invalid continuation frame");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1012, 1015, 1016, 2000, 2999, 5000, 65535})
    void invalidCloseCodesCloseWith1002(int code) throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(frame(CLOSE, closePayload(code, new byte[0])));
        expectClose(transport, 1002, "invalid close code " + code);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4999})
    void validCloseCodesAreEchoed(int code) throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(frame(CLOSE, closePayload(code, "é".getBytes(StandardCharsets.UTF_8))));
        assertThat(transport.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.closeCode()).isEqualTo(code);
        assertThat(close.closeReason()).isEqualTo("é");
    }

    @Test
    void aCloseReasonThatIsNotUtf8ClosesWith1007() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1024);
        peer.send(frame(CLOSE, closePayload(1000, new byte[] {'o', 'k', (byte) 0xC3})));
        expectClose(transport, 1007, "invalid utf8 body in close frame");
    }

    @Test
    void aMessageIsCappedOverAllItsFragments() throws IOException {
        // ATTACKS 8: 100 fragments of 10 bytes fit a 1000-byte cap; one more byte does not.
        WebSocketTransport transport = peer.transport(false, false, false, 1000);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(frame(TEXT, "0123456789"));
        for (int i = 1; i < 99; i++) {
            frames.writeBytes(frame(CONTINUATION, "0123456789"));
        }
        frames.writeBytes(frame(FIN_CONTINUATION, "0123456789"));
        frames.writeBytes(frame(TEXT, "0123456789".repeat(50)));
        for (int i = 0; i < 50; i++) {
            frames.writeBytes(frame(CONTINUATION, "0123456789"));
        }
        frames.writeBytes(frame(FIN_CONTINUATION, "0"));
        peer.send(frames.toByteArray());
        assertThat(read(transport, 1000)).isEqualTo("0123456789".repeat(100));
        assertThat(read(transport, 1000)).isEqualTo("0123456789".repeat(100));
        expectClose(transport, 1009, "maximum message size exceeded");
    }

    @Test
    void aSingleFrameOverTheCapIsRefusedBeforeAnyOfItIsPassedOn() throws IOException {
        WebSocketTransport transport = peer.transport(false, false, false, 1000);
        peer.send(frame(FIN_BINARY, new byte[1001]));
        expectClose(transport, 1009, "maximum message size exceeded");
    }
}
