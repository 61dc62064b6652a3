package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** A real nats-server hub with a leafnode port, and a Wirehub that joins it as a leaf. */
final class LeafHubFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final int leafPort;
    final String hubConfig;
    NatsServerProcess hub;
    Wirehub wirehub;

    LeafHubFixture(String hubExtra, String remoteExtra) throws Exception {
        this(hubExtra, remoteExtra, "");
    }

    /**
     * @param hubExtra    more hub config; a {@code leafnodes { ... }} block in it is merged into
     *                    the one that sets the listen address
     * @param userInfo    {@code user:pass@} for the remote's URL, or ""
     */
    LeafHubFixture(String hubExtra, String remoteExtra, String userInfo) throws Exception {
        leafPort = freePort();
        String listen = "listen: \"127.0.0.1:" + leafPort + "\"";
        hubConfig = "server_name: HUB1\n" + (hubExtra.contains("leafnodes {")
                ? hubExtra.replace("leafnodes {", "leafnodes { " + listen + ",")
                : "leafnodes { " + listen + " }\n" + hubExtra);
        hub = NatsServerProcess.start(hubConfig, true);
        wirehub = startWirehub("server_name: SPOKE1\nhttp: \"127.0.0.1:-1\"\nleafnodes { reconnect: \"100ms\", remotes [ { url: \"nats-leaf://"
                + userInfo + "127.0.0.1:" + leafPort + "\"" + (remoteExtra.isEmpty() ? "" : ", " + remoteExtra) + " } ] }\n");
    }

    static Wirehub startWirehub(String configText) throws Exception {
        Path file = Files.createTempFile("wirehub-leaf-", ".conf");
        Files.writeString(file, configText);
        try {
            ServerConfig config = ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build();
            return Wirehub.start(config);
        } finally {
            Files.delete(file);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Connection hubClient() throws Exception {
        return Nats.connect(new Options.Builder().server(hub.url()).noReconnect().build());
    }

    Connection wirehubClient() throws Exception {
        return Nats.connect(new Options.Builder().server(wirehub.clientUrl()).noReconnect().build());
    }

    void restartHub() {
        hub.close();
        hub = NatsServerProcess.start(hubConfig, true);
    }

    /**
     * Waits until interest that {@code subscriber} registered so far has crossed the leaf link
     * and reached the server {@code publisher} is on: a fresh probe subject, subscribed after
     * everything else on the same connection, is published until it arrives (LS+ travel in order).
     */
    static void awaitInterest(Connection publisher, Connection subscriber) throws Exception {
        String probe = "probe." + UUID.randomUUID();
        Subscription sub = subscriber.subscribe(probe);
        subscriber.flush(WAIT);
        Await.until(WAIT, () -> {
            try {
                publisher.publish(probe, new byte[0]);
                publisher.flush(WAIT);
                Message got = sub.nextMessage(Duration.ofMillis(100));
                return got != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "interest on " + subscriber.getConnectedUrl() + " to reach " + publisher.getConnectedUrl());
        sub.unsubscribe();
        // Drain probe copies still in flight so they never count as the test's messages.
        subscriber.flush(WAIT);
        assertThat(probe).startsWith("probe.");
    }

    @Override
    public void close() {
        if (wirehub != null) {
            wirehub.close();
        }
        if (hub != null) {
            hub.close();
        }
    }
}
