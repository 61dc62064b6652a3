package io.wirehub.server.it.jwt;

import static io.wirehub.server.it.jwt.OperatorModeTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .creds users over every transport jnats has: TLS on the client port and secure WebSocket. The
 * nonce travels in INFO the same way, and a wrong key is refused the same way.
 */
class OperatorTransportsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static Options.Builder options(String url, Path creds, SSLContext tls) {
        return new Options.Builder().server(url).sslContext(tls).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(2)).authHandler(Nats.credentials(creds.toString()));
    }

    @Test
    void credsOverTlsAndSecureWebSocket() throws Exception {
        OperatorWorld world = new OperatorWorld();
        TestCertificates certs = TestCertificates.create(dir);
        String tls = "tls { cert_file: \"" + certs.serverCert() + "\", key_file: \"" + certs.serverKey() + "\" }\n";
        String config = world.memoryConfig() + tls + "websocket { port: -1\n " + tls + "}\n";
        NKey alice = JwtFixture.userKey();
        NKey bob = JwtFixture.userKey();
        SSLContext client = certs.clientContext(null);
        try (Wirehub server = start(config);
             Connection overTls = Nats.connect(options("tls://127.0.0.1:" + server.port(), world.userOfA(alice), client)
                     .build());
             Connection overWss = Nats.connect(options(server.webSocketUrl(), world.userOfA(bob), client).build())) {
            assertThat(server.webSocketUrl()).startsWith("wss://");
            Subscription sub = overWss.subscribe("both");
            overWss.flush(WAIT);
            overTls.publish("both", "hello".getBytes(StandardCharsets.UTF_8));
            assertThat(sub.nextMessage(WAIT).getData()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
            Path wrongSeed = world.creds(JwtFixture.userJwt(world.accountA, alice), JwtFixture.userKey());
            assertThatThrownBy(() -> Nats.connect(options(server.webSocketUrl(), wrongSeed, client).build()))
                    .hasMessageContaining("Authorization Violation");
            assertThatThrownBy(() -> Nats.connect(options("tls://127.0.0.1:" + server.port(), wrongSeed, client)
                    .build())).hasMessageContaining("Authorization Violation");
        }
    }
}
