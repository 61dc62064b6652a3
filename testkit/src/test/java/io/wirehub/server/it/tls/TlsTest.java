package io.wirehub.server.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.RawClient;
import io.wirehub.testkit.internal.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS on the client port with jnats and openssl-made certificates: the classic order, handshake
 * first and its auto fallback, mutual TLS (good, missing, expired and foreign client certificates),
 * allow_non_tls, the handshake timeout, every key format, and start-up errors naming the file.
 */
class TlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(dir);
    }

    /** A server from a config file's text, on 127.0.0.1 and free ports, monitoring on. */
    static Wirehub start(String configText) throws Exception {
        Path file = Files.createTempFile(dir, "server-", ".conf");
        Files.writeString(file, configText);
        ServerConfig config = ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0)
                .monitoring(new MonitoringConfig("127.0.0.1", -1)).build();
        return Wirehub.start(config);
    }

    static String tlsBlock(String extra) {
        return "tls {\n  cert_file: \"" + certs.serverCert() + "\"\n  key_file: \"" + certs.serverKey() + "\"\n"
                + extra + "}\n";
    }

    static Connection connect(Wirehub server, SSLContext context, boolean tlsFirst) throws Exception {
        Options.Builder options = new Options.Builder().server("tls://127.0.0.1:" + server.port())
                .sslContext(context).connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0);
        if (tlsFirst) {
            options.tlsFirst();
        }
        return Nats.connect(options.build());
    }

    static void roundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("tls.check");
        nc.publish("tls.check", "secret".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    static List<String> closeReasons(Wirehub server, int expected) {
        JsonNode connz = HttpGet.jsonUntil(server.monitoringUrl() + "/connz?state=closed",
                c -> c.get("num_connections").asInt() >= expected, expected + " closed connections");
        List<String> reasons = new ArrayList<>();
        connz.get("connections").forEach(c -> reasons.add(c.get("reason").asText()));
        return reasons;
    }

    @Test
    void classicOrderSendsInfoInPlaintextThenEncrypts() throws Exception {
        try (Wirehub server = start(tlsBlock(""))) {
            try (RawClient raw = RawClient.connect("127.0.0.1", server.port())) {
                String info = raw.readLine(WAIT);
                assertThat(info).startsWith("INFO {").contains("\"tls_required\":true").doesNotContain("tls_verify");
            }
            try (Connection nc = connect(server, certs.clientContext(null), false)) {
                roundTrip(nc);
                JsonNode connection = HttpGet.get(server.monitoringUrl() + "/connz").json().get("connections").get(0);
                assertThat(connection.get("tls_version").asText()).isIn("1.2", "1.3");
                assertThat(connection.get("tls_cipher_suite").asText()).startsWith("TLS_");
            }
            JsonNode varz = HttpGet.get(server.monitoringUrl() + "/varz").json();
            assertThat(varz.get("tls_required").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-key-pkcs1.pem", "server-key-encrypted.pem", "ec", "keystore"})
    void everyKeyFormatServes(String form) throws Exception {
        String block = switch (form) {
            case "ec" -> "tls {\n cert_file: \"" + certs.file("server-ec.pem") + "\"\n key_file: \""
                    + certs.file("server-ec-key.pem") + "\"\n}\n";
            case "keystore" -> "tls {\n keystore: \"" + certs.file("server.p12") + "\"\n keystore_password: \""
                    + TestCertificates.PASSWORD + "\"\n}\n";
            default -> "tls {\n cert_file: \"" + certs.serverCert() + "\"\n key_file: \"" + certs.file(form)
                    + "\"\n key_password: \"" + TestCertificates.PASSWORD + "\"\n}\n";
        };
        try (Wirehub server = start(block); Connection nc = connect(server, certs.clientContext(null), false)) {
            roundTrip(nc);
        }
    }

    @Test
    void handshakeFirstServesTlsFirstClientsOnly() throws Exception {
        try (Wirehub server = start(tlsBlock("  handshake_first: true\n  timeout: 1\n"))) {
            try (Connection nc = connect(server, certs.clientContext(null), true)) {
                roundTrip(nc);
            }
            // A client waiting for a plaintext INFO gets nothing, and fails.
            assertThatThrownBy(() -> connect(server, certs.clientContext(null), false).close())
                    .isInstanceOf(Exception.class);
        }
    }

    @Test
    void handshakeFirstAutoFallsBackToInfoFirst() throws Exception {
        // auto with a 500 ms fallback rather than the default 50: a TLS-first client on a loaded
        // two-core machine can take longer than 50 ms to send its ClientHello (nats-server has the
        // same race); the fallback logic under test is the same.
        try (Wirehub server = start(tlsBlock("  handshake_first: \"500ms\"\n"))) {
            try (Connection first = connect(server, certs.clientContext(null), true);
                 Connection classic = connect(server, certs.clientContext(null), false)) {
                roundTrip(first);
                roundTrip(classic);
            }
        }
    }

    @Test
    void mutualTlsAcceptsOnlyValidClientCertificatesFromTheCa() throws Exception {
        String block = tlsBlock("  ca_file: \"" + certs.caCert() + "\"\n  verify: true\n");
        try (Wirehub server = start(block)) {
            try (RawClient raw = RawClient.connect("127.0.0.1", server.port())) {
                assertThat(raw.readLine(WAIT)).contains("\"tls_verify\":true");
            }
            try (Connection nc = connect(server, certs.clientContext("client.p12"), false)) {
                roundTrip(nc);
                JsonNode peer = HttpGet.get(server.monitoringUrl() + "/connz").json().get("connections").get(0)
                        .get("tls_peer_certs").get(0);
                assertThat(peer.get("subject").asText()).isEqualTo("CN=alice");
                assertThat(peer.get("cert_sha256").asText()).hasSize(64);
            }
            for (String refused : new String[] {null, "expired.p12", "stranger.p12"}) {
                assertThatThrownBy(() -> connect(server, certs.clientContext(refused), false).close())
                        .as("client certificate %s", refused).isInstanceOf(Exception.class);
            }
            // The three refused certificates, and the raw client above that left before any handshake.
            List<String> reasons = closeReasons(server, 5);
            assertThat(reasons).filteredOn("TLS Handshake Failure"::equals).hasSize(4);
            assertThat(reasons).contains("Client Closed");
        }
    }

    @Test
    void allowNonTlsTakesPlainAndTlsClients() throws Exception {
        try (Wirehub server = start(tlsBlock("") + "allow_non_tls: true\n")) {
            try (RawClient raw = RawClient.connect("127.0.0.1", server.port())) {
                String info = raw.readLine(WAIT);
                assertThat(info).contains("\"tls_available\":true").doesNotContain("tls_required");
                raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n").expectLine("PONG");
            }
            try (Connection nc = connect(server, certs.clientContext(null), false)) {
                roundTrip(nc);
            }
        }
    }

    @Test
    void aStalledHandshakeIsCutOffAtTheTimeout() throws Exception {
        try (Wirehub server = start(tlsBlock("  timeout: 0.3\n"))) {
            long start = System.nanoTime();
            try (RawClient raw = RawClient.connect("127.0.0.1", server.port())) {
                assertThat(raw.readLine(WAIT)).startsWith("INFO ");
                raw.expectClosed(WAIT);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(closeReasons(server, 1)).containsExactly("TLS Handshake Failure");
        }
    }

    @Test
    void unusableFilesStopTheStartNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> start("tls {\n cert_file: \"" + certs.serverCert() + "\"\n key_file: \"" + missing
                + "\"\n}\n")).isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> start("tls {\n cert_file: \"" + certs.serverCert() + "\"\n key_file: \""
                + certs.file("server-ec-key.pem") + "\"\n}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not match the certificate in " + certs.serverCert());
        assertThatThrownBy(() -> start("tls {\n cert_file: \"" + certs.serverCert() + "\"\n key_file: \""
                + certs.file("server-key-encrypted.pem") + "\"\n}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("encrypted").hasMessageContaining("key_password");
        assertThatThrownBy(() -> start("tls {\n cert_file: \"" + certs.serverKey() + "\"\n key_file: \""
                + certs.serverKey() + "\"\n}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no CERTIFICATE block");
        assertThatThrownBy(() -> start("tls {\n keystore: \"" + certs.file("server.p12")
                + "\"\n keystore_password: \"wrong\"\n}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.p12");
    }

    @Test
    void opensslTalksToAHandshakeFirstListener() throws Exception {
        java.nio.file.Path openssl = io.wirehub.testkit.internal.TestTools.require("openssl", "/usr/bin/openssl");
        try (Wirehub server = start(tlsBlock("  handshake_first: true\n"))) {
            Process client = new ProcessBuilder(openssl.toString(), "s_client", "-connect",
                    "127.0.0.1:" + server.port(), "-CAfile", certs.caCert().toString(), "-verify_return_error",
                    "-quiet", "-no_ign_eof").redirectErrorStream(true).start();
            try {
                java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                        client.getInputStream(), StandardCharsets.UTF_8));
                String info = Await.value(WAIT, () -> readLine(out), l -> l == null || l.startsWith("INFO "),
                        "INFO through openssl");
                assertThat(info).startsWith("INFO {").contains("\"tls_required\":true");
                client.getOutputStream().write("CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                String pong = Await.value(WAIT, () -> readLine(out), l -> l == null || l.startsWith("PONG"),
                        "PONG through openssl");
                assertThat(pong).isEqualTo("PONG");
            } finally {
                client.destroy();
            }
        }
    }

    private static String readLine(java.io.BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void verifyAndMapNamesTheUserByTheCertificate() throws Exception {
        String config = tlsBlock("  ca_file: \"" + certs.caCert() + "\"\n  verify_and_map: true\n")
                + "authorization {\n  users = [\n    {user: \"alice@example.com\", permissions: {publish: \"alice.>\","
                + " subscribe: \"alice.>\"}}\n  ]\n}\n";
        try (Wirehub server = start(config); Connection nc = connect(server, certs.clientContext("client.p12"), false)) {
            Subscription sub = nc.subscribe("alice.inbox");
            nc.publish("alice.inbox", new byte[] {1});
            assertThat(sub.nextMessage(WAIT)).isNotNull();
            JsonNode connection = HttpGet.get(server.monitoringUrl() + "/connz?auth=true").json()
                    .get("connections").get(0);
            assertThat(connection.get("authorized_user").asText()).isEqualTo("alice@example.com");
        }
    }
}
