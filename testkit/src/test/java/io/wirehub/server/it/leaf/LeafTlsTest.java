package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to the hub: the remote's {@code tls { ca_file }} against nats-server's leafnode TLS. */
class LeafTlsTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    @TempDir
    Path dir;

    private String hubTls(TestCertificates certs) {
        return "leafnodes { tls { cert_file: \"" + certs.serverCert() + "\", key_file: \"" + certs.serverKey()
                + "\" } }\n";
    }

    @Test
    void messagesCrossATlsLink() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        TestCertificates certs = TestCertificates.create(dir);
        try (LeafHubFixture fixture = new LeafHubFixture(hubTls(certs), "tls { ca_file: \"" + certs.caCert() + "\" }");
             Connection hub = fixture.hubClient(); Connection leaf = fixture.wirehubClient()) {
            Subscription onHub = hub.subscribe("secure.up");
            Subscription onLeaf = leaf.subscribe("secure.down");
            LeafHubFixture.awaitInterest(leaf, hub);
            LeafHubFixture.awaitInterest(hub, leaf);

            leaf.publish("secure.up", new byte[] {1});
            hub.publish("secure.down", new byte[] {2});

            assertThat(onHub.nextMessage(WAIT).getData()).containsExactly(1);
            assertThat(onLeaf.nextMessage(WAIT).getData()).containsExactly(2);
        }
    }
}
