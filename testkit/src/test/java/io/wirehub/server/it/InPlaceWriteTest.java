package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.CloseReason;
import io.wirehub.server.transport.ChannelTransport;
import io.wirehub.testkit.Await;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A delivery is written by the publishing reader itself when the subscriber's writer is idle, and
 * queued for the writer otherwise (docs/architecture.md, "How a message travels"). These tests
 * drive both paths at once and at a full socket, over real sockets.
 */
class InPlaceWriteTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Writing in place is off by default (ChannelTransport says why); these tests turn it on. */
    @BeforeAll
    static void writeInPlace() {
        System.setProperty(ChannelTransport.WRITE_IN_PLACE_PROPERTY, "true");
    }

    @AfterAll
    static void backToTheDefault() {
        System.clearProperty(ChannelTransport.WRITE_IN_PLACE_PROPERTY);
    }

    @Test
    void plainTcpConnectionsWriteInPlaceWhenTurnedOn() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).build();
        try (Wirehub server = Wirehub.start(config); Connection client = Nats.connect(server.clientUrl())) {
            ClientConnection connection = server.connections().connections().iterator().next();
            ChannelTransport transport = (ChannelTransport) connection.transport();
            assertThat(transport.channel().isBlocking()).as("switched for tryWrite").isFalse();
            client.flush(WAIT);
        }
    }

    /**
     * Eight publishers to one subscriber whose socket buffer is tiny, so in-place writes are cut
     * short, carried over, and meet queued bytes: every publisher's messages must arrive whole, all
     * of them, each publisher's in its order.
     */
    @Test
    void manyPublishersToOneSubscriberKeepEveryPublishersOrder() throws Exception {
        int publishers = 8;
        int perPublisher = 4_000;
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).build();
        try (Wirehub server = Wirehub.start(config); Socket subscriber = new Socket()) {
            subscriber.setReceiveBufferSize(4096);
            subscriber.connect(new InetSocketAddress("127.0.0.1", server.port()));
            subscriber.setSoTimeout((int) WAIT.toMillis());
            InputStream in = new BufferedInputStream(subscriber.getInputStream(), 1024);
            OutputStream out = subscriber.getOutputStream();
            out.write("CONNECT {\"verbose\":false}\r\nSUB seq 1\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readLine(in)).startsWith("INFO ");
            assertThat(readLine(in)).isEqualTo("PONG");

            ExecutorService pool = Executors.newFixedThreadPool(publishers);
            List<Future<?>> sending = new ArrayList<>();
            List<Connection> connections = new ArrayList<>();
            try {
                for (int p = 0; p < publishers; p++) {
                    Connection publisher = Nats.connect(server.clientUrl());
                    connections.add(publisher);
                    int id = p;
                    sending.add(pool.submit(() -> {
                        for (int i = 0; i < perPublisher; i++) {
                            // Varying sizes, so frames end at every offset of a chunk.
                            String payload = id + ":" + i + ":" + "x".repeat(i % 97);
                            publisher.publish("seq", payload.getBytes(StandardCharsets.US_ASCII));
                        }
                        publisher.flush(WAIT);
                        return null;
                    }));
                }
                int[] next = new int[publishers];
                for (int received = 0; received < publishers * perPublisher; received++) {
                    String line = readLine(in);
                    assertThat(line).as("message %d", received).startsWith("MSG seq 1 ");
                    int size = Integer.parseInt(line.substring("MSG seq 1 ".length()));
                    String payload = new String(in.readNBytes(size), StandardCharsets.US_ASCII);
                    assertThat(readLine(in)).as("end of message %d", received).isEmpty();
                    String[] parts = payload.split(":", 3);
                    int publisher = Integer.parseInt(parts[0]);
                    int sequence = Integer.parseInt(parts[1]);
                    assertThat(sequence).as("publisher %d's next message", publisher).isEqualTo(next[publisher]);
                    assertThat(parts[2]).isEqualTo("x".repeat(sequence % 97));
                    next[publisher]++;
                }
                for (Future<?> each : sending) {
                    each.get();
                }
            } finally {
                pool.shutdownNow();
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    /**
     * A subscriber that never reads: the publisher's in-place writes meet its full socket, the
     * rest queues, and max_pending cuts it off as a slow consumer; the publisher is answered all
     * along.
     */
    @Test
    void slowConsumerIsCutOffWhenInPlaceWritesMeetAFullSocket() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .maxPending(512 * 1024).maxPayload(64 * 1024).build();
        try (Wirehub server = Wirehub.start(config);
             Socket stalled = new Socket();
             Socket publisher = new Socket()) {
            ClientConnection stalledConnection = subscribeWithoutReading(server, stalled, "flood");
            publisher.connect(new InetSocketAddress("127.0.0.1", server.port()));
            publisher.setSoTimeout((int) WAIT.toMillis());
            InputStream in = new BufferedInputStream(publisher.getInputStream());
            OutputStream out = publisher.getOutputStream();
            out.write("CONNECT {\"verbose\":false}\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(in); // INFO
            // One message per write and a PING after each, so every delivery is its own read batch:
            // each is written in place whenever the stalled subscriber's writer is idle.
            byte[] pub = ("PUB flood 1024\r\n" + "y".repeat(1024) + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            while (!stalledConnection.isClosed() && sent < 20_000) {
                out.write(pub);
                out.flush();
                assertThat(readLine(in)).as("PONG after publish %d", sent).isEqualTo("PONG");
                sent++;
            }
            assertThat(stalledConnection.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER_PENDING_BYTES);
            assertThat(server.stats().slowConsumers()).isEqualTo(1);
            assertThat(sent).as("more than max_pending was sent before the cut").isGreaterThan(512);
        }
    }

    /**
     * A subscriber whose socket is full but not yet past max_pending or the write deadline stays
     * connected; the same publisher's other subscriber gets every message meanwhile, so the
     * publisher never waited on the full socket.
     */
    @Test
    void bystanderKeepsReceivingWhileAnotherSubscribersSocketIsFull() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .writeDeadline(Duration.ofSeconds(120)).build(); // max_pending: 64 MiB
        try (Wirehub server = Wirehub.start(config);
             Socket stalled = new Socket();
             Connection bystander = Nats.connect(server.clientUrl());
             Connection publisher = Nats.connect(server.clientUrl())) {
            ClientConnection stalledConnection = subscribeWithoutReading(server, stalled, "flood");
            AtomicLong received = new AtomicLong();
            bystander.createDispatcher(msg -> received.incrementAndGet()).subscribe("flood");
            bystander.flush(WAIT);

            byte[] payload = new byte[16 * 1024];
            int messages = 1_000; // 16 MiB: far more than both socket buffers hold
            for (int i = 0; i < messages; i++) {
                publisher.publish("flood", payload);
            }
            publisher.flush(WAIT);
            Await.until(WAIT, () -> received.get() == messages, "bystander got all " + messages + " messages");
            assertThat(stalledConnection.isClosed()).as("not yet a slow consumer").isFalse();
            assertThat(stalledConnection.pendingBytes()).as("its socket is full: bytes wait").isPositive();
        }
    }

    /** Subscribes over a socket with a tiny receive buffer that is never read. */
    private static ClientConnection subscribeWithoutReading(Wirehub server, Socket stalled, String subject)
            throws Exception {
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
        int serversOwn = server.router().index().count();
        OutputStream out = stalled.getOutputStream();
        out.write(("CONNECT {\"verbose\":false}\r\nSUB " + subject + " 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Await.until(WAIT, () -> server.router().index().count() == serversOwn + 1, "stalled subscriber registered");
        return server.connections().connections().stream()
                .filter(c -> c.subscriptions().size() == 1).findFirst().orElseThrow();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed after " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
