package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.WirehubTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A thousand jnats clients connected at once, each subscribed, all receiving one broadcast. */
@WirehubTest
class ManyConnectionsTest {
    private static final int CLIENTS = 1000;

    @Test
    void aThousandConcurrentClientsAllReceiveABroadcast(Wirehub server) throws Exception {
        List<Connection> clients = new ArrayList<>();
        AtomicInteger received = new AtomicInteger();
        try (ExecutorService connector = Executors.newFixedThreadPool(32)) {
            List<Future<Connection>> pending = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                pending.add(connector.submit(() -> Nats.connect(new Options.Builder().server(server.clientUrl())
                        .connectionTimeout(Duration.ofSeconds(20)).build())));
            }
            for (Future<Connection> f : pending) {
                clients.add(f.get());
            }
        }
        try {
            assertThat(server.connections().size()).isEqualTo(CLIENTS);
            for (Connection c : clients) {
                Dispatcher d = c.createDispatcher(msg -> received.incrementAndGet());
                d.subscribe("broadcast");
            }
            for (Connection c : clients) {
                c.flush(Duration.ofSeconds(10));
            }
            try (Connection publisher = Nats.connect(server.clientUrl())) {
                publisher.publish("broadcast", "to all".getBytes(StandardCharsets.UTF_8));
                publisher.flush(Duration.ofSeconds(10));
            }
            Await.until(Duration.ofSeconds(20), () -> received.get() == CLIENTS,
                    "all " + CLIENTS + " clients received the broadcast (so far " + received.get() + ")");
        } finally {
            for (Connection c : clients) {
                c.close();
            }
        }
        Await.until(Duration.ofSeconds(20), () -> server.connections().size() == 0, "every client closed");
    }
}
