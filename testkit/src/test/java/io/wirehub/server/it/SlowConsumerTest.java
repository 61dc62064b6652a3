package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.CloseReason;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that never reads is cut off once max_pending is passed, without an -ERR, while a
 * healthy subscriber on the same subject keeps receiving (ATTACKS.md 12).
 */
class SlowConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void readerThatNeverReadsIsClosedAndOthersKeepReceiving() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .maxPending(256 * 1024).maxPayload(64 * 1024).build();
        try (Wirehub server = Wirehub.start(config);
             Socket stalled = new Socket();
             Connection healthy = Nats.connect(server.clientUrl());
             Connection publisher = Nats.connect(server.clientUrl())) {
            ClientConnection stalledConnection = subscribeWithoutReading(server, stalled);

            java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
            healthy.createDispatcher(msg -> {
                received.incrementAndGet();
                last.set(new String(msg.getData(), StandardCharsets.ISO_8859_1));
            }).subscribe("flood");
            healthy.flush(WAIT);
            byte[] payload = new byte[16 * 1024];
            int sent = 0;
            while (!stalledConnection.isClosed() && sent < 10_000) {
                publisher.publish("flood", payload);
                sent++;
                if (sent % 16 == 0) {
                    publisher.flush(WAIT);
                }
            }
            assertThat(stalledConnection.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER_PENDING_BYTES);
            assertThat(server.stats().slowConsumers()).isEqualTo(1);

            // The stalled socket sees its buffered data and then the end: no -ERR was written.
            stalled.setSoTimeout((int) WAIT.toMillis());
            byte[] all = readUntilClosed(stalled.getInputStream());
            assertThat(new String(all, StandardCharsets.ISO_8859_1)).doesNotContain("-ERR");

            // Others keep receiving: everything sent, then one more.
            publisher.publish("flood", "after".getBytes(StandardCharsets.UTF_8));
            publisher.flush(WAIT);
            long expected = sent + 1L;
            Await.until(WAIT, () -> received.get() == expected, "healthy subscriber got all " + expected + " messages");
            assertThat(last.get()).isEqualTo("after");
            assertThat(healthy.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void writeBlockedPastTheWriteDeadlineClosesTheConnection() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .writeDeadline(Duration.ofMillis(300)).build();
        try (Wirehub server = Wirehub.start(config);
             Socket stalled = new Socket();
             Connection publisher = Nats.connect(server.clientUrl())) {
            ClientConnection stalledConnection = subscribeWithoutReading(server, stalled);
            byte[] payload = new byte[16 * 1024];
            // Far below max_pending (64 MiB): only the blocked write can end this connection.
            for (int i = 0; i < 400 && !stalledConnection.isClosed(); i++) {
                publisher.publish("flood", payload);
                publisher.flush(WAIT);
            }
            Await.until(WAIT, stalledConnection::isClosed, "stalled connection closed");
            assertThat(stalledConnection.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER_WRITE_DEADLINE);
            assertThat(server.stats().slowConsumers()).isEqualTo(1);
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    /** Subscribes to "flood" over a socket with a tiny receive buffer that is never read. */
    private static ClientConnection subscribeWithoutReading(Wirehub server, Socket stalled) throws Exception {
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
        // The server's own subscriptions (system imports, as in nats-server) are there from the start.
        int serversOwn = server.router().index().count();
        OutputStream out = stalled.getOutputStream();
        out.write("CONNECT {\"verbose\":false}\r\nSUB flood 1\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Await.until(WAIT, () -> server.router().index().count() == serversOwn + 1,
                "stalled subscriber registered");
        return server.connections().connections().stream()
                .filter(c -> c.subscriptions().size() == 1).findFirst().orElseThrow();
    }

    private static byte[] readUntilClosed(InputStream in) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset also ends the stream: the server dropped the connection.
        }
        return all.toByteArray();
    }
}
