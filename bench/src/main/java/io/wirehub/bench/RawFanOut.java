package io.wirehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Publishing with minimal clients on each side: the publisher writes 64 KiB of PUB ops per write,
 * subscribers only count bytes. The clients do almost nothing, so the server is the bottleneck.
 * One shape covers pub-only (no subscriber: timed until the server answered a PING sent after the
 * last PUB), 1→1, fan-out 1→N and a queue group of N (each message to one member).
 */
final class RawFanOut implements Scenario {
    private static final int WRITE_BATCH_BYTES = 64 * 1024;
    private static final String SUBJECT = "bench.raw";

    private final int payloadSize;
    private final int subscribers;
    private final boolean queueGroup;
    private final int messages;
    private final BenchTransport transport;

    RawFanOut(int payloadSize, int subscribers, boolean queueGroup, int messages, BenchTransport transport) {
        this.payloadSize = payloadSize;
        this.subscribers = subscribers;
        this.queueGroup = queueGroup;
        this.messages = messages;
        this.transport = transport;
    }

    static RawFanOut pubSub(int payloadSize, int messages) {
        return new RawFanOut(payloadSize, 1, false, messages, BenchTransport.TCP);
    }

    @Override
    public String name() {
        return FanOutShape.label(subscribers, queueGroup) + " " + Sizes.label(payloadSize) + " (raw, batched"
                + (transport == BenchTransport.TCP ? "" : ", " + transport.label()) + ")";
    }

    @Override
    public boolean runsOn(BenchServer server) {
        return RawConnection.reaches(server, transport);
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int count = Math.max(1000, (int) (messages * scale));
        List<RawConnection> readers = new ArrayList<>();
        try {
            for (int i = 0; i < subscribers; i++) {
                String sub = "SUB " + SUBJECT + (queueGroup ? " workers" : "") + " 1\r\n";
                readers.add(RawConnection.open(server, transport, sub));
            }
            try (RawConnection publisher = RawConnection.open(server, transport, "")) {
                return subscribers == 0 ? publishOnly(publisher, count) : publishAndCount(publisher, readers, count);
            }
        } finally {
            readers.forEach(RawConnection::close);
        }
    }

    private List<Figure> publishOnly(RawConnection publisher, int count) throws IOException {
        long start = System.nanoTime();
        writeAll(publisher, count);
        publisher.ping();
        return figures(count / ((System.nanoTime() - start) / 1e9));
    }

    private List<Figure> publishAndCount(RawConnection publisher, List<RawConnection> readers, int count)
            throws Exception {
        long perMessage = ("MSG " + SUBJECT + " 1 " + payloadSize + "\r\n").length() + payloadSize + 2L;
        long deliveries = queueGroup ? count : (long) count * subscribers;
        ByteCounter counter = ByteCounter.start(readers, perMessage * deliveries);
        writeAll(publisher, count);
        double seconds = counter.awaitSeconds(180);
        return figures(deliveries / seconds);
    }

    /** msgs/s delivered (published, for pub-only) and the payload bytes they carry. */
    private List<Figure> figures(double rate) {
        return List.of(Figure.throughput("msgs/s", rate), Figure.throughput("MB/s", rate * payloadSize / 1e6));
    }

    private void writeAll(RawConnection publisher, int count) throws IOException {
        byte[] one = messageBytes();
        int perWrite = Math.max(1, WRITE_BATCH_BYTES / one.length);
        byte[] batch = new byte[perWrite * one.length];
        for (int i = 0; i < perWrite; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        int sent = 0;
        while (sent < count) {
            int n = Math.min(perWrite, count - sent);
            publisher.write(batch, 0, n * one.length);
            sent += n;
        }
    }

    private byte[] messageBytes() {
        byte[] line = ("PUB " + SUBJECT + " " + payloadSize + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] one = Arrays.copyOf(line, line.length + payloadSize + 2);
        Arrays.fill(one, line.length, line.length + payloadSize, (byte) 'x');
        one[one.length - 2] = '\r';
        one[one.length - 1] = '\n';
        return one;
    }
}
