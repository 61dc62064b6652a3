package io.wirehub.server.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.testkit.internal.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code https_port}: monitoring over HTTPS with the client port's certificate, as nats-server serves it. */
class HttpsMonitoringTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.create(dir);
    }

    private static Wirehub start(String text) throws Exception {
        Path file = Files.createTempFile(dir, "https-", ".conf");
        Files.writeString(file, text);
        return Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build());
    }

    private static String tls(String extra) {
        return "tls {\n  cert_file: \"" + certs.serverCert() + "\"\n  key_file: \"" + certs.serverKey() + "\"\n"
                + "  ca_file: \"" + certs.caCert() + "\"\n" + extra + "}\n";
    }

    @Test
    void servesVarzOverHttpsWithTheClientCertificateAndAsksNoClientCertificate() throws Exception {
        // verify: true on the client port; monitoring still asks no certificate of its clients, as nats-server.
        try (Wirehub server = start(tls("  verify: true\n") + "https: \"127.0.0.1:-1\"\n")) {
            assertThat(server.monitoringUrl()).startsWith("https://127.0.0.1:");
            HttpClient trusting = HttpClient.newBuilder().sslContext(certs.clientContext(null))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> varz = trusting.send(HttpRequest.newBuilder(URI.create(server.monitoringUrl() + "/varz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(varz.statusCode()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(varz.body());
            assertThat(json.path("https_port").asInt()).isEqualTo(server.monitoringPort());
            assertThat(json.path("http_port").asInt()).isZero();

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(server.monitoringUrl() + "/varz"))
                    .build(), HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the CA")
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void refusesWhatNatsServerRefuses() {
        assertThatThrownBy(() -> start("https_port: -1\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TLS cert and key required for HTTPS");
        assertThatThrownBy(() -> start(tls("") + "http_port: 8222\nhttps_port: 8223\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("can't specify both HTTP (8222) and HTTPs (8223) ports");
    }
}
