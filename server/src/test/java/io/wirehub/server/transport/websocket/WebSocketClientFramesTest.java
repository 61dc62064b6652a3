package io.wirehub.server.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The client's end (a leaf node dialling a hub's /leafnode): masked frames that a server's reader,
 * which requires the mask, reads back; unmasked ones when the server agreed; the upgrade request
 * and the checks on its answer.
 */
class WebSocketClientFramesTest {

    private static String roundTrip(boolean mask, boolean requireMask, String... writes) throws IOException {
        ScriptedTransport sent = new ScriptedTransport("", 1);
        FrameWriter writer = new FrameWriter(sent, false, false, mask);
        for (String write : writes) {
            byte[] bytes = write.getBytes(StandardCharsets.ISO_8859_1);
            // a direct buffer too: the masked copy must not depend on heap arrays
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            writer.writeData(new ByteBuffer[] {direct}, 0, 1);
        }
        ScriptedTransport received = new ScriptedTransport(sent.written(), 7);
        FrameReader reader = new FrameReader(received, new FrameWriter(received, false, false), requireMask, false,
                1 << 20);
        StringBuilder out = new StringBuilder();
        ByteBuffer dst = ByteBuffer.allocate(5);
        for (int n = reader.read(dst); n >= 0; n = reader.read(dst.clear())) {
            out.append(new String(dst.array(), 0, n, StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }

    @Test
    void maskedFramesAreReadBackByAReaderThatRequiresTheMask() throws IOException {
        String big = "x".repeat(70_000);
        assertThat(roundTrip(true, true, "CONNECT {}\r\n", "LS+ foo\r\n", big)).isEqualTo("CONNECT {}\r\nLS+ foo\r\n"
                + big);
    }

    @Test
    void maskedFramesDoNotCarryThePlainBytes() throws IOException {
        ScriptedTransport sent = new ScriptedTransport("", 1);
        new FrameWriter(sent, false, false, true).writeData(new ByteBuffer[] {
                ByteBuffer.wrap("LMSG secret.subject 5\r\nhello\r\n".getBytes(StandardCharsets.ISO_8859_1))}, 0, 1);
        String wire = sent.written();
        assertThat(wire.charAt(1) & 0x80).as("mask bit").isEqualTo(0x80);
        assertThat(wire).doesNotContain("secret");
    }

    @Test
    void unmaskedFramesAreRefusedByAReaderThatRequiresTheMask() {
        assertThatThrownBy(() -> roundTrip(false, true, "CONNECT {}\r\n"))
                .isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("mask bit missing");
    }

    @Test
    void unmaskedFramesAreReadWhenNoMaskingWasAgreed() throws IOException {
        assertThat(roundTrip(false, false, "PING\r\n")).isEqualTo("PING\r\n");
    }

    private static String answerFor(String request, String extra) {
        String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                .substring("Sec-WebSocket-Key: ".length());
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketHandshake.acceptKey(key) + "\r\n" + extra + "\r\n";
    }

    /** Runs the dial against a scripted server that answers the request with {@code answer(request)}. */
    private static WebSocketDial.Upgraded dial(boolean noMasking, boolean compression,
                                               java.util.function.Function<String, String> answer) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        // The answer depends on the request's key: produce it lazily, once the request was written.
        java.io.InputStream in = new java.io.InputStream() {
            private ByteArrayInputStream bytes;

            @Override
            public int read() {
                if (bytes == null) {
                    bytes = new ByteArrayInputStream((answer.apply(request.toString(StandardCharsets.ISO_8859_1))
                            + "INFO-FRAME").getBytes(StandardCharsets.ISO_8859_1));
                }
                return bytes.read();
            }
        };
        WebSocketDial.Upgraded upgraded = WebSocketDial.upgrade(in, request, "hub:8080", "/leafnode", noMasking,
                compression);
        String sent = request.toString(StandardCharsets.ISO_8859_1);
        assertThat(sent).startsWith("GET /leafnode HTTP/1.1\r\nHost: hub:8080\r\n").endsWith("\r\n\r\n");
        assertThat(sent.contains("Nats-No-Masking: true\r\n")).isEqualTo(noMasking);
        assertThat(sent.contains("permessage-deflate")).isEqualTo(compression);
        return upgraded;
    }

    @Test
    void theUpgradeTakesWhatTheServerGranted() throws IOException {
        assertThat(dial(true, true, r -> answerFor(r, "Nats-No-Masking: true\r\nSec-WebSocket-Extensions: "
                + "permessage-deflate; server_no_context_takeover; client_no_context_takeover\r\n")))
                .isEqualTo(new WebSocketDial.Upgraded(true, true));
        assertThat(dial(true, true, r -> answerFor(r, ""))).isEqualTo(new WebSocketDial.Upgraded(false, false));
        assertThat(dial(false, false, r -> answerFor(r, "Nats-No-Masking: true\r\n")))
                .isEqualTo(new WebSocketDial.Upgraded(false, false));
    }

    @Test
    void aWrongAnswerIsAnInvalidWebSocketConnection() {
        assertThatThrownBy(() -> dial(false, false, r -> "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("invalid websocket connection");
        assertThatThrownBy(() -> dial(false, false, r -> answerFor(r, "").replaceFirst("Accept: \\S+", "Accept: bad")))
                .isInstanceOf(IOException.class).hasMessageContaining("invalid websocket connection");
        assertThatThrownBy(() -> dial(false, true, r -> answerFor(r,
                "Sec-WebSocket-Extensions: permessage-deflate\r\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("compression negotiation error");
    }
}
