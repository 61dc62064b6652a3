package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Lame duck mode as jnats sees it: the LAME_DUCK event, then a close, and no new connections. */
class LameDuckTest {

    @Test
    void clientIsToldThenClosedAndNewConnectionsAreRefused() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .lameDuckDuration(Duration.ofSeconds(2)).lameDuckGracePeriod(Duration.ofMillis(500)).build();
        Set<ConnectionListener.Events> events = ConcurrentHashMap.newKeySet();
        try (Wirehub server = Wirehub.start(config)) {
            Options options = new Options.Builder().server(server.clientUrl()).maxReconnects(0)
                    .connectionListener((conn, event) -> events.add(event)).build();
            try (Connection nc = Nats.connect(options)) {
                nc.flush(Duration.ofSeconds(5));
                server.enterLameDuckMode();
                Await.until(Duration.ofSeconds(5), () -> events.contains(ConnectionListener.Events.LAME_DUCK),
                        "jnats reported lame duck mode");
                assertThat(connectRefused(server.port())).as("listener closed").isTrue();
                Await.until(Duration.ofSeconds(10), () -> nc.getStatus() == Connection.Status.CLOSED
                        || events.contains(ConnectionListener.Events.DISCONNECTED), "server closed the client");
            }
            assertThat(server.awaitTermination(Duration.ofSeconds(10))).as("server shut down after lame duck").isTrue();
        }
    }

    private static boolean connectRefused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
