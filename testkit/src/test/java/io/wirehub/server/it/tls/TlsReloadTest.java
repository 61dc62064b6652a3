package io.wirehub.server.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewed certificate is served after a reload (SIGHUP), without a restart: the files named in
 * the config are read again. Two certificate sets with different CAs tell the old certificate from
 * the new one; an unusable new file is refused and the old certificate stays.
 */
class TlsReloadTest {
    @TempDir
    Path dir;

    private static ServerConfig load(Path config) {
        return ConfigFileLoader.load(config).builder().host("127.0.0.1").port(0).build();
    }

    private static Connection connect(Wirehub server, SSLContext trusting) throws Exception {
        return Nats.connect(new Options.Builder().server("tls://127.0.0.1:" + server.port()).sslContext(trusting)
                .connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0).build());
    }

    private static void install(TestCertificates set, Path cert, Path key) throws Exception {
        Files.copy(set.serverCert(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(set.serverKey(), key, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void reloadServesTheRenewedCertificateToNewConnections() throws Exception {
        TestCertificates first = TestCertificates.create(Files.createDirectories(dir.resolve("first")));
        TestCertificates renewed = TestCertificates.create(Files.createDirectories(dir.resolve("renewed")));
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server-key.pem");
        install(first, cert, key);
        Path config = Files.writeString(dir.resolve("server.conf"),
                "tls {\n  cert_file: \"" + cert + "\"\n  key_file: \"" + key + "\"\n}\n");
        try (Wirehub server = Wirehub.start(load(config))) {
            Connection before = connect(server, first.clientContext(null));

            install(renewed, cert, key);
            assertThat(server.reload(load(config))).as("nothing left for a restart").doesNotContain("tls");
            try (Connection after = connect(server, renewed.clientContext(null))) {
                after.flush(Duration.ofSeconds(5));
            }
            assertThatThrownBy(() -> connect(server, first.clientContext(null)))
                    .as("the old certificate is no longer served").isNotNull();
            before.flush(Duration.ofSeconds(5)); // an open connection keeps its session
            before.close();

            Files.writeString(cert, "not a certificate");
            assertThatThrownBy(() -> server.reload(load(config))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(cert.toString());
            try (Connection still = connect(server, renewed.clientContext(null))) {
                still.flush(Duration.ofSeconds(5));
            }
        }
    }

    private static Connection connectWss(Wirehub server, SSLContext trusting) throws Exception {
        return Nats.connect(new Options.Builder().server(server.webSocketUrl()).sslContext(trusting)
                .connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0).build());
    }

    @Test
    void reloadServesTheRenewedCertificateOnTheWebSocketPortToo() throws Exception {
        TestCertificates first = TestCertificates.create(Files.createDirectories(dir.resolve("first")));
        TestCertificates renewed = TestCertificates.create(Files.createDirectories(dir.resolve("renewed")));
        Path cert = dir.resolve("ws.pem");
        Path key = dir.resolve("ws-key.pem");
        install(first, cert, key);
        Path config = Files.writeString(dir.resolve("server.conf"), "websocket {\n  port: -1\n  tls {\n    cert_file: \""
                + cert + "\"\n    key_file: \"" + key + "\"\n  }\n}\n");
        try (Wirehub server = Wirehub.start(load(config))) {
            assertThat(server.webSocketUrl()).startsWith("wss://");
            Connection before = connectWss(server, first.clientContext(null));

            install(renewed, cert, key);
            assertThat(server.reload(load(config))).as("nothing left for a restart").doesNotContain("websocket");
            try (Connection after = connectWss(server, renewed.clientContext(null))) {
                after.flush(Duration.ofSeconds(5));
            }
            assertThatThrownBy(() -> connectWss(server, first.clientContext(null)))
                    .as("the old certificate is no longer served").isNotNull();
            before.flush(Duration.ofSeconds(5));
            before.close();

            Files.writeString(key, "not a key");
            assertThatThrownBy(() -> server.reload(load(config))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("websocket");
            try (Connection still = connectWss(server, renewed.clientContext(null))) {
                still.flush(Duration.ofSeconds(5));
            }
        }
    }
}
