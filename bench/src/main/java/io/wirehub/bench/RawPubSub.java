package io.wirehub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pub/sub with a minimal client on each side: the publisher writes many PUB ops per write, the
 * subscriber only counts bytes. The clients do almost nothing, so the server is the bottleneck.
 */
final class RawPubSub implements Scenario {
    private static final int WRITE_BATCH_BYTES = 64 * 1024;
    private static final String SUBJECT = "bench.raw";

    private final int payloadSize;
    private final int messages;

    RawPubSub(int payloadSize, int messages) {
        this.payloadSize = payloadSize;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "pub/sub 1→1 " + Sizes.label(payloadSize) + " (raw, batched)";
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(1000, (int) (messages * scale));
        long perMessage = ("MSG " + SUBJECT + " 1 " + payloadSize + "\r\n").length() + payloadSize + 2L;
        long expected = perMessage * count;
        try (Socket subscriber = handshake(server, "SUB " + SUBJECT + " 1\r\n");
             Socket publisher = handshake(server, "")) {
            CompletableFuture<long[]> reading = CompletableFuture.supplyAsync(() -> readAll(subscriber, expected));
            writeAll(publisher.getOutputStream(), count);
            long[] firstAndLast = reading.get(120, TimeUnit.SECONDS);
            double seconds = (firstAndLast[1] - firstAndLast[0]) / 1e9;
            double rate = count / seconds;
            return List.of(Figure.throughput("msgs/s", rate), Figure.throughput("MB/s", rate * payloadSize / 1e6));
        }
    }

    private void writeAll(OutputStream out, int count) throws IOException {
        byte[] one = messageBytes();
        int perWrite = Math.max(1, WRITE_BATCH_BYTES / one.length);
        byte[] batch = new byte[perWrite * one.length];
        for (int i = 0; i < perWrite; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        int sent = 0;
        while (sent < count) {
            int n = Math.min(perWrite, count - sent);
            out.write(batch, 0, n * one.length);
            sent += n;
        }
        out.flush();
    }

    private byte[] messageBytes() {
        byte[] line = ("PUB " + SUBJECT + " " + payloadSize + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] one = Arrays.copyOf(line, line.length + payloadSize + 2);
        Arrays.fill(one, line.length, line.length + payloadSize, (byte) 'x');
        one[one.length - 2] = '\r';
        one[one.length - 1] = '\n';
        return one;
    }

    /** Reads until {@code expected} bytes arrived; returns the times of the first and last read. */
    private static long[] readAll(Socket socket, long expected) {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        long first = 0;
        try {
            InputStream in = socket.getInputStream();
            while (total < expected) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IllegalStateException("subscriber closed after " + total + " of " + expected + " bytes");
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                total += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException("subscriber read failed after " + total + " bytes", e);
        }
        return new long[] {first, System.nanoTime()};
    }

    /** Connects, reads INFO, sends CONNECT plus {@code extra}, and waits for the PONG. */
    private static Socket handshake(BenchServer server, String extra) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        readUntil(socket.getInputStream(), "\r\n");
        socket.getOutputStream().write(("CONNECT {\"verbose\":false,\"pedantic\":false}\r\n" + extra + "PING\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        readUntil(socket.getInputStream(), "PONG\r\n");
        return socket;
    }

    private static void readUntil(InputStream in, String end) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake: " + seen);
            }
            seen.append((char) b);
        }
    }
}
