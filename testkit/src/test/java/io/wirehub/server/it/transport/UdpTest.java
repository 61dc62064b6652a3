package io.wirehub.server.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.AuthConfig;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.UdpConfig;
import io.wirehub.server.stats.DatagramStats;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.RawClient;
import io.wirehub.testkit.internal.TestTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * UDP publishing over real datagrams: ops routed to TCP subscribers, PING answered with PONG,
 * malformed and refused datagrams dropped unanswered and counted, the per-source rate limit, the
 * publish list under authentication, and socat as a sender.
 */
class UdpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Wirehub start(UdpConfig udp, AuthConfig auth) throws IOException {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).udp(udp)
                .monitoring(new MonitoringConfig("127.0.0.1", -1));
        if (auth != null) {
            builder.authorization(auth);
        }
        return Wirehub.start(builder.build());
    }

    private static Wirehub start() throws IOException {
        return start(UdpConfig.OFF.withAddress("127.0.0.1", -1), null);
    }

    private static void send(DatagramChannel channel, Wirehub server, String datagram) throws IOException {
        channel.send(ByteBuffer.wrap(datagram.getBytes(StandardCharsets.ISO_8859_1)),
                new InetSocketAddress("127.0.0.1", server.udpPort()));
    }

    private static RawClient subscriber(Wirehub server, String subject) {
        RawClient client = RawClient.connect("127.0.0.1", server.port()).handshake();
        client.send("SUB " + subject + " 1\r\nPING\r\n").expectLine("PONG");
        return client;
    }

    @Test
    void datagramOpsReachSubscribers() throws Exception {
        try (Wirehub server = start(); RawClient sub = subscriber(server, "udp.>");
             DatagramChannel udp = DatagramChannel.open()) {
            send(udp, server, "PUB udp.one 5\r\nhello\r\n");
            sub.expectLine("MSG udp.one 1 5");
            sub.expectLine("hello");
            // Several ops in one datagram, headers and a reply subject included.
            send(udp, server, "PUB udp.two reply.to 3\r\nabc\r\nHPUB udp.three 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
            sub.expectLine("MSG udp.two 1 reply.to 3");
            sub.expectLine("abc");
            sub.expectLine("HMSG udp.three 1 12 14");
            sub.expectLine("NATS/1.0");
            sub.expectLine("");
            sub.expectLine("hi");
            Supplier<DatagramStats.Counts> stats = server::udpStats;
            Await.until(WAIT, () -> stats.get().accepted() == 2, "two datagrams accepted");
        }
    }

    @Test
    void pingIsAnsweredWithPongToTheSender() throws Exception {
        try (Wirehub server = start(); DatagramChannel udp = DatagramChannel.open()) {
            udp.socket().setSoTimeout((int) WAIT.toMillis());
            udp.connect(new InetSocketAddress("127.0.0.1", server.udpPort()));
            udp.write(ByteBuffer.wrap("PING\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[64], 64);
            udp.socket().receive(packet);
            assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("PONG\r\n");
        }
    }

    @Test
    void malformedDatagramsAreDroppedWholeUnansweredAndCounted() throws Exception {
        try (Wirehub server = start(); RawClient sub = subscriber(server, "udp.>");
             DatagramChannel udp = DatagramChannel.open()) {
            udp.socket().setSoTimeout(300);
            udp.connect(new InetSocketAddress("127.0.0.1", server.udpPort()));
            List<String> bad = List.of(
                    "garbage\r\n",
                    "PUB udp.cut 10\r\nshort",                       // payload shorter than announced
                    "PUB udp.first 1\r\nx\r\nSUB udp.x 1\r\n",       // a good op, then one UDP does not carry
                    "PUB udp.first 1\r\nx\r\nCONNECT {}\r\n",
                    "PUB udp.big 99999999\r\n",                      // over max_payload
                    "PING\r\nPUB udp.nocrlf 1\r\nx");                 // a PING before an unfinished op
            for (String datagram : bad) {
                udp.write(ByteBuffer.wrap(datagram.getBytes(StandardCharsets.ISO_8859_1)));
            }
            Supplier<DatagramStats.Counts> stats = server::udpStats;
            Await.until(WAIT, () -> stats.get().malformed() == bad.size(), "every bad datagram counted");
            // Nothing was routed, not even the good first op of a bad datagram, and nothing answered.
            sub.send("PING\r\n").expectLine("PONG");
            sub.expectNothing(Duration.ofMillis(200));
            assertThat(receiveQuietly(udp)).as("no answer to a dropped datagram").isNull();
            // The listener goes on.
            udp.write(ByteBuffer.wrap("PUB udp.after 2\r\nok\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            sub.expectLine("MSG udp.after 1 2");
            sub.expectLine("ok");

            String metrics = HttpGet.get(server.monitoringUrl() + "/metrics").body();
            assertThat(metrics).contains("wirehub_udp_datagrams_total{outcome=\"malformed\"} " + bad.size() + ".0")
                    .contains("wirehub_received_messages_total{transport=\"udp\"} 1.0");
        }
    }

    private static String receiveQuietly(DatagramChannel udp) throws IOException {
        java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[64], 64);
        try {
            udp.socket().receive(packet);
            return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException quiet) {
            return null;
        }
    }

    @Test
    void aFloodFromOneSourceIsHeldToItsRate() throws Exception {
        try (Wirehub server = start(UdpConfig.OFF.withAddress("127.0.0.1", -1).withRatePerSource(10), null);
             RawClient sub = subscriber(server, "flood");
             DatagramChannel udp = DatagramChannel.open()) {
            long started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                send(udp, server, "PUB flood 1\r\nx\r\n");
            }
            Supplier<DatagramStats.Counts> stats = server::udpStats;
            Await.until(WAIT, () -> stats.get().accepted() + stats.get().rateLimited() == 200, "all 200 datagrams seen");
            double seconds = (System.nanoTime() - started) / 1e9;
            // A burst of one second's worth (10), plus what refilled while sending.
            assertThat(stats.get().accepted()).isBetween(10L, 10L + (long) Math.ceil(seconds * 10) + 1);
            assertThat(stats.get().rateLimited()).isGreaterThanOrEqualTo(200 - stats.get().accepted());
        }
    }

    @Test
    void withAuthenticationOnlyTheListedSubjectsArePublished() throws Exception {
        AuthConfig auth = AuthConfig.NONE.withToken("s3cret");
        UdpConfig udpConfig = UdpConfig.OFF.withAddress("127.0.0.1", -1).withPublishAllowed(List.of("sensors.>"));
        try (Wirehub server = start(udpConfig, auth); DatagramChannel udp = DatagramChannel.open();
             RawClient sub = RawClient.connect("127.0.0.1", server.port())) {
            sub.expectLineStartingWith("INFO {");
            sub.send("CONNECT {\"verbose\":false,\"auth_token\":\"s3cret\"}\r\nSUB > 1\r\nPING\r\n").expectLine("PONG");
            send(udp, server, "PUB orders.new 1\r\nx\r\n");
            send(udp, server, "PUB sensors.t1 4\r\n21.5\r\n");
            sub.expectLine("MSG sensors.t1 1 4");
            sub.expectLine("21.5");
            Supplier<DatagramStats.Counts> stats = server::udpStats;
            Await.until(WAIT, () -> stats.get().refused() == 1, "the unlisted subject refused");
        }
    }

    @Test
    void socatPublishesADatagram() throws Exception {
        Path socat = TestTools.require("socat", "/usr/bin/socat", "/usr/local/bin/socat");
        try (Wirehub server = start(); RawClient sub = subscriber(server, "from.socat")) {
            Process process = new ProcessBuilder(socat.toString(), "-u", "-", "UDP-SENDTO:127.0.0.1:" + server.udpPort())
                    .redirectErrorStream(true).start();
            process.getOutputStream().write("PUB from.socat 5\r\nshell\r\n".getBytes(StandardCharsets.ISO_8859_1));
            process.getOutputStream().close();
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            sub.expectLine("MSG from.socat 1 5");
            sub.expectLine("shell");
        }
    }
}
