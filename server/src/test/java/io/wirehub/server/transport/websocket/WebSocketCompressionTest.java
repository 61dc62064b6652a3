package io.wirehub.server.transport.websocket;

import static io.wirehub.server.transport.websocket.WebSocketPeer.concat;
import static io.wirehub.server.transport.websocket.WebSocketPeer.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** permessage-deflate in both directions, and the deflate bomb (ATTACKS 7). */
@Timeout(60)
class WebSocketCompressionTest {
    private static final int FIN_BINARY_COMPRESSED = 0xC2;
    private static final int TEXT_COMPRESSED = 0x41;
    private static final int CONTINUATION = 0x00;
    private static final int FIN_CONTINUATION = 0x80;
    private static final int PING = 0x89;

    private WebSocketPeer peer;

    @BeforeEach
    void connect() throws IOException {
        peer = new WebSocketPeer();
    }

    @AfterEach
    void disconnect() throws IOException {
        peer.close();
    }

    /** What a permessage-deflate client sends: raw DEFLATE, sync flush, tail stripped. */
    static byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length || !deflater.needsInput());
        deflater.end();
        byte[] all = out.toByteArray();
        assertThat(Arrays.copyOfRange(all, all.length - 4, all.length)).containsExactly(0, 0, 0xFF, 0xFF);
        return Arrays.copyOf(all, all.length - 4);
    }

    /** What a permessage-deflate client does with the server's payload. */
    static String inflate(byte[] payload) throws Exception {
        Inflater inflater = new Inflater(true);
        inflater.setInput(concat(payload, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!inflater.needsInput()) {
            out.write(chunk, 0, inflater.inflate(chunk));
        }
        inflater.end();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String read(WebSocketTransport transport, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(count);
        while (buffer.hasRemaining()) {
            assertThat(transport.read(buffer)).isPositive();
        }
        byte[] bytes = new byte[count];
        buffer.flip().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void compressedMessagesAreInflatedEachFromAFreshState() throws IOException {
        WebSocketTransport transport = peer.transport(true, false, false, 1 << 20);
        String first = "PUB subject 10\r\n0123456789\r\n".repeat(40);
        String second = "PUB other 5\r\nhello\r\n";
        peer.send(concat(frame(FIN_BINARY_COMPRESSED, deflate(first.getBytes())),
                frame(0x82, "PING\r\n"),
                frame(FIN_BINARY_COMPRESSED, deflate(second.getBytes()))));
        assertThat(read(transport, first.length() + 6 + second.length())).isEqualTo(first + "PING\r\n" + second);
    }

    @Test
    void aCompressedMessageMaySpanFramesWithPingsBetween() throws IOException {
        WebSocketTransport transport = peer.transport(true, false, false, 1 << 20);
        String message = "MSG a 1 26\r\nabcdefghijklmnopqrstuvwxyz\r\n".repeat(100);
        byte[] compressed = deflate(message.getBytes());
        int third = compressed.length / 3;
        peer.send(concat(frame(TEXT_COMPRESSED, Arrays.copyOfRange(compressed, 0, third)),
                frame(PING, "p"),
                frame(CONTINUATION, Arrays.copyOfRange(compressed, third, 2 * third)),
                frame(FIN_CONTINUATION, Arrays.copyOfRange(compressed, 2 * third, compressed.length))));
        assertThat(read(transport, message.length())).isEqualTo(message);
        assertThat(peer.readFrame().opcode()).isEqualTo(0xA);
    }

    @Test
    void anInflatedMessageOverTheCapClosesWith1009() throws IOException {
        WebSocketTransport transport = peer.transport(true, false, false, 1000);
        peer.send(concat(frame(FIN_BINARY_COMPRESSED, deflate(new byte[1000])),
                frame(FIN_BINARY_COMPRESSED, deflate(new byte[1001]))));
        assertThat(read(transport, 1000)).isEqualTo("\0".repeat(1000));
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        assertThatThrownBy(() -> {
            while (true) {
                transport.read(buffer.clear());
            }
        }).isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.statusCode()).isEqualTo(1009));
        WebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.closeCode()).isEqualTo(1009);
    }

    @Test
    void aDeflateBombStopsAtTheCapWithoutMemoryToMatch() throws Exception {
        // ATTACKS 7: 100 MB of zeros in about 100 KB of DEFLATE, against a 1 MiB cap.
        long cap = 1 << 20;
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 100; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                bomb.write(chunk, 0, deflater.deflate(chunk));
            }
        }
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            bomb.write(chunk, 0, n);
        } while (n == chunk.length);
        deflater.end();
        byte[] frame = frame(FIN_BINARY_COMPRESSED, bomb.toByteArray());
        assertThat(frame.length).isLessThan(200_000);

        WebSocketTransport transport = peer.transport(true, false, false, cap);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                peer.send(frame);
            } catch (IOException e) {
                // The server stops reading and closes: the rest of the bomb has nowhere to go.
            }
        });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long[] delivered = {0};
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> {
            while (true) {
                int read = transport.read(buffer.clear());
                delivered[0] += read;
            }
        }).isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.statusCode()).isEqualTo(1009));
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(delivered[0]).isLessThanOrEqualTo(cap);
        // The reader inflates into the caller's buffer: no message-sized buffer, let alone 100 MB.
        assertThat(allocated).isLessThan(cap / 2);
        assertThat(peer.readFrame().closeCode()).isEqualTo(1009);
        transport.close();
        sender.join();
    }

    @Test
    void dataThatIsNotDeflateClosesWith1007() throws IOException {
        WebSocketTransport transport = peer.transport(true, false, false, 1 << 20);
        // Block type 3 is reserved: no inflater accepts it.
        peer.send(frame(FIN_BINARY_COMPRESSED, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00}));
        assertThatThrownBy(() -> transport.read(ByteBuffer.allocate(100)))
                .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.statusCode()).isEqualTo(1007));
        assertThat(peer.readFrame().closeCode()).isEqualTo(1007);
    }

    @Test
    void outboundMessagesOver64BytesAreCompressedWithRsv1() throws Exception {
        WebSocketTransport transport = peer.transport(true, false, false, 1 << 20);
        String big = "MSG subject 1 20\r\n01234567890123456789\r\n".repeat(50);
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(big.getBytes()), ByteBuffer.wrap("PING\r\n".getBytes())}, 0, 2);
        transport.write(new ByteBuffer[] {ByteBuffer.wrap("PONG\r\n".getBytes())}, 0, 1);
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(big.getBytes())}, 0, 1);
        WebSocketPeer.Frame compressed = peer.readFrame();
        assertThat(compressed.first()).isEqualTo(0xC2);
        assertThat(compressed.payload().length).isLessThan(big.length() / 4);
        assertThat(inflate(compressed.payload())).isEqualTo(big + "PING\r\n");
        WebSocketPeer.Frame small = peer.readFrame();
        assertThat(small.first()).isEqualTo(0x82);
        assertThat(small.text()).isEqualTo("PONG\r\n");
        // No context takeover: the second copy inflates on its own.
        assertThat(inflate(peer.readFrame().payload())).isEqualTo(big);
    }

    @Test
    void forBrowsersACompressedMessageIsSplitWithRsv1OnTheFirstFrameOnly() throws Exception {
        WebSocketTransport transport = peer.transport(true, false, true, 1 << 20);
        byte[] random = new byte[20_000];
        new java.util.Random(7).nextBytes(random);
        String text = java.util.Base64.getEncoder().encodeToString(random);
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(text.getBytes())}, 0, 1);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        WebSocketPeer.Frame frame = peer.readFrame();
        assertThat(frame.first()).isEqualTo(0x42);
        payload.writeBytes(frame.payload());
        do {
            assertThat(frame.payload().length).isLessThanOrEqualTo(4096);
            frame = peer.readFrame();
            assertThat(frame.rsv1()).isFalse();
            assertThat(frame.opcode()).isZero();
            payload.writeBytes(frame.payload());
        } while (!frame.fin());
        assertThat(inflate(payload.toByteArray())).isEqualTo(text);
    }
}
