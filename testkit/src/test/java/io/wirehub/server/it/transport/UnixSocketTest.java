package io.wirehub.server.it.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.LimitsConfig;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.RateLimitConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.UnixSocketConfig;
import io.wirehub.server.config.SocketOptionsConfig;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.RawClient;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unix domain socket listener over real socket files: the protocol on it, the file's mode,
 * stale and live socket files, removal at shutdown, peer credentials in /connz, and per-address
 * limits that do not apply to a peer without an address.
 */
class UnixSocketTest {
    @TempDir
    Path dir;

    private Wirehub start(UnixSocketConfig unix) throws IOException {
        return Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0).unix(unix)
                .monitoring(new MonitoringConfig("127.0.0.1", -1)).build());
    }

    @Test
    void unixAndTcpClientsTalkThroughOneServer() throws Exception {
        Path socket = dir.resolve("wh.sock");
        try (Wirehub server = start(UnixSocketConfig.at(socket));
             RawClient unix = RawClient.connectUnix(socket);
             RawClient tcp = RawClient.connect("127.0.0.1", server.port())) {
            assertThat(server.unixUrl()).isEqualTo("unix://" + socket.toAbsolutePath());
            String info = unix.expectLineStartingWith("INFO {");
            assertThat(info).contains("\"client_ip\":\"\"").doesNotContain("tls_required\":true");
            unix.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nSUB from.tcp 1\r\nPING\r\n");
            unix.expectLine("PONG");
            tcp.handshake().send("SUB from.unix 7\r\nPING\r\n").expectLine("PONG");

            tcp.send("PUB from.tcp 5\r\nhello\r\n");
            unix.expectLine("MSG from.tcp 1 5");
            unix.expectLine("hello");
            unix.send("PUB from.unix 3\r\nbye\r\n");
            tcp.expectLine("MSG from.unix 7 3");
            tcp.expectLine("bye");
        }
    }

    @Test
    void socketFileGetsTheConfiguredModeAndIsRemovedAtShutdown() throws Exception {
        Path socket = dir.resolve("mode.sock");
        Path defaults = dir.resolve("default.sock");
        try (Wirehub server = start(new UnixSocketConfig(socket, 0660, SocketOptionsConfig.DEFAULTS));
             Wirehub other = start(UnixSocketConfig.at(defaults))) {
            PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            assertThat(attributes.isOther()).as("a socket, not a regular file").isTrue();
            assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-rw----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaults)))
                    .isEqualTo("rw-------");
            // No temporary names left beside it.
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("mode.sock",
                        "default.sock");
            }
        }
        assertThat(socket).doesNotExist();
        assertThat(defaults).doesNotExist();
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // What a crashed server leaves: a socket file nobody accepts on.
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        try (Wirehub server = start(UnixSocketConfig.at(socket)); RawClient client = RawClient.connectUnix(socket)) {
            client.handshake();
        }
    }

    @Test
    void liveSocketIsNotTakenOver() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (Wirehub first = start(UnixSocketConfig.at(socket))) {
            assertThatThrownBy(() -> start(UnixSocketConfig.at(socket)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(socket.toString())
                    .hasMessageContaining("another server is listening on it");
            // The first server still serves on it.
            try (RawClient client = RawClient.connectUnix(socket)) {
                client.handshake();
            }
        }
    }

    @Test
    void pathThatIsNotASocketIsLeftAlone() throws Exception {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> start(UnixSocketConfig.at(file)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the path exists and is not a socket");
        assertThat(file).hasContent("keep me");
        assertThatThrownBy(() -> start(UnixSocketConfig.at(dir.resolve("missing/wh.sock"))))
                .hasMessageContaining("does not exist");
    }

    @Test
    void connzShowsTheUnixPeerAndItsCredentials() throws Exception {
        Path socket = dir.resolve("peer.sock");
        Path probe = Files.createFile(dir.resolve("probe"));
        String group = Files.readAttributes(probe, PosixFileAttributes.class).group().getName();
        try (Wirehub server = start(UnixSocketConfig.at(socket)); RawClient client = RawClient.connectUnix(socket)) {
            client.handshake();
            JsonNode conn = HttpGet.jsonUntil(server.monitoringUrl() + "/connz",
                    connz -> connz.path("connections").size() == 1, "one connection in /connz")
                    .path("connections").get(0);
            assertThat(conn.path("type").asText()).isEqualTo("unix");
            assertThat(conn.path("ip").asText()).isEmpty();
            assertThat(conn.path("unix_peer").asText()).isEqualTo(System.getProperty("user.name") + ":" + group);
        }
    }

    @Test
    void perAddressLimitsDoNotCountUnixPeers() throws Exception {
        Path socket = dir.resolve("limits.sock");
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).unix(UnixSocketConfig.at(socket))
                .limits(new LimitsConfig(RateLimitConfig.UNLIMITED, 1, 0)).build();
        try (Wirehub server = Wirehub.start(config);
             RawClient a = RawClient.connectUnix(socket);
             RawClient b = RawClient.connectUnix(socket)) {
            a.handshake();
            b.handshake();
            // While TCP clients from one address are held to one.
            try (RawClient tcp1 = RawClient.connect("127.0.0.1", server.port());
                 RawClient tcp2 = RawClient.connect("127.0.0.1", server.port())) {
                tcp1.handshake();
                tcp2.expectLineStartingWith("INFO {");
                tcp2.expectLine("-ERR 'maximum connections exceeded'");
            }
        }
    }
}
