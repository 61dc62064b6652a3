package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.RawClient;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * ATTACKS.md items 1–5 and 12–14, performed over real sockets at the same time, while an
 * authenticated client keeps publishing and receiving: every attacker is cut off for its own
 * reason, the honest client loses nothing, and the heap stays bounded.
 */
class AttacksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CONFIG = """
            max_payload: 64KB
            max_subscriptions: 100
            authorization {
              timeout: 1
              users = [
                { user: honest, password: h }
                { user: limited, password: l, permissions: { publish: ["public.>"], subscribe: { allow: ["public.>"], deny: ["public.secret"] } } }
              ]
            }
            limits { connections_per_address: 200 }
            """;

    @Test
    void attackersAreCutOffWhileAnHonestClientKeepsWorking() throws Exception {
        try (Wirehub server = start(); ExecutorService attackers = Executors.newFixedThreadPool(8)) {
            AtomicLong received = new AtomicLong();
            try (Connection honest = Nats.connect(new Options.Builder().server(server.clientUrl())
                    .userInfo("honest", "h").maxReconnects(0).build())) {
                honest.createDispatcher(m -> received.incrementAndGet()).subscribe("work");
                honest.flush(WAIT);
                long heapBefore = usedHeapAfterGc();

                List<Future<String>> attacks = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    attacks.add(attackers.submit(() -> unterminatedControlLine(server)));
                    attacks.add(attackers.submit(() -> announcedPayloadTooBig(server)));
                    attacks.add(attackers.submit(() -> garbageBeforeConnect(server)));
                    attacks.add(attackers.submit(() -> slowlorisConnect(server)));
                }
                attacks.add(attackers.submit(() -> subscriptionFlood(server)));
                attacks.add(attackers.submit(() -> permissionProbe(server)));

                for (int i = 0; i < 2000; i++) {
                    honest.publish("work", ("job " + i).getBytes(StandardCharsets.UTF_8));
                }
                honest.flush(WAIT);
                for (Future<String> attack : attacks) {
                    assertThat(attack.get()).isEqualTo("refused");
                }
                Await.until(WAIT, () -> received.get() == 2000, "honest client got all 2000 messages");
                assertThat(honest.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                Await.until(WAIT, () -> server.connections().size() == 1, "only the honest client is left");
                long growth = usedHeapAfterGc() - heapBefore;
                assertThat(growth).as("heap growth in bytes after 82 attacks").isLessThan(64L * 1024 * 1024);
            }
            assertThat(server.stats().authFailures()).isGreaterThanOrEqualTo(40);
            assertThat(server.stats().subscriptionsRefused()).isPositive();
        }
    }

    private static Wirehub start() throws Exception {
        Path file = Files.createTempFile("wirehub-attacks-", ".conf");
        Files.writeString(file, CONFIG);
        try {
            ServerConfig config = ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build();
            return Wirehub.start(config);
        } finally {
            Files.delete(file);
        }
    }

    /** 1: a line that never ends must not be buffered past max_control_line. */
    private static String unterminatedControlLine(Wirehub server) {
        try (RawClient client = RawClient.connect("127.0.0.1", server.port())) {
            client.expectLineStartingWith("INFO {");
            client.send("CONNECT {\"user\":\"honest\",\"pass\":\"h\",\"verbose\":false}\r\n");
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            client.send("PUB ");
            for (int i = 0; i < 16 && !client.isClosedByPeer(); i++) {
                try {
                    client.send(chunk);
                } catch (java.io.UncheckedIOException closed) {
                    break;
                }
            }
            return verdict(client.expectClosed(WAIT), "-ERR 'maximum control line exceeded'");
        }
    }

    /** 2: a payload announced over max_payload is refused from the control line. */
    private static String announcedPayloadTooBig(Wirehub server) {
        try (RawClient client = RawClient.connect("127.0.0.1", server.port())) {
            client.expectLineStartingWith("INFO {");
            client.send("CONNECT {\"user\":\"honest\",\"pass\":\"h\",\"verbose\":false}\r\nPUB work 999999999\r\n");
            return verdict(client.expectClosed(WAIT), "-ERR 'Maximum Payload Violation'");
        }
    }

    /** 3: anything but CONNECT first, with auth on. */
    private static String garbageBeforeConnect(Wirehub server) {
        try (RawClient client = RawClient.connect("127.0.0.1", server.port())) {
            client.expectLineStartingWith("INFO {");
            client.send("SUB work 1\r\nGET / HTTP/1.1\r\n\r\n");
            return verdict(client.expectClosed(WAIT), "-ERR 'Authorization Violation'");
        }
    }

    /** 4: a CONNECT that never completes is bounded by the auth timeout. */
    private static String slowlorisConnect(Wirehub server) {
        try (RawClient client = RawClient.connect("127.0.0.1", server.port())) {
            client.expectLineStartingWith("INFO {");
            client.send("CONN");
            client.send("ECT {\"user\":");
            return verdict(client.expectClosed(WAIT), "-ERR 'Authentication Timeout'");
        }
    }

    /** 13: subscriptions past max_subscriptions are refused; the connection stays. */
    private static String subscriptionFlood(Wirehub server) {
        try (RawClient client = RawClient.connect("127.0.0.1", server.port())) {
            client.expectLineStartingWith("INFO {");
            StringBuilder subs = new StringBuilder("CONNECT {\"user\":\"honest\",\"pass\":\"h\",\"verbose\":false}\r\n");
            for (int i = 0; i < 150; i++) {
                subs.append("SUB flood.").append(i).append(' ').append(i).append("\r\n");
            }
            client.send(subs + "PING\r\n");
            int refused = 0;
            String line;
            while (!(line = client.readLine(WAIT)).equals("PONG")) {
                if (line.equals("-ERR 'maximum subscriptions exceeded'")) {
                    refused++;
                }
            }
            return refused == 50 ? "refused" : "refused " + refused + " of 50";
        }
    }

    /** 14: every path a permission guards is checked. */
    private static String permissionProbe(Wirehub server) {
        try (RawClient client = RawClient.connect("127.0.0.1", server.port())) {
            client.expectLineStartingWith("INFO {");
            client.send("CONNECT {\"user\":\"limited\",\"pass\":\"l\",\"verbose\":false}\r\n"
                    + "PUB work 1\r\nx\r\nSUB work 1\r\nSUB work q 2\r\nSUB public.> 3\r\n"
                    + "PUB public.secret 1\r\ns\r\nPUB public.ok 1\r\nk\r\nPING\r\n");
            List<String> lines = new ArrayList<>();
            String line;
            while (!(line = client.readLine(WAIT)).equals("PONG")) {
                lines.add(line);
            }
            List<String> expected = List.of(
                    "-ERR 'Permissions Violation for Publish to \"work\"'",
                    "-ERR 'Permissions Violation for Subscription to \"work\"'",
                    "-ERR 'Permissions Violation for Subscription to \"work\" using queue \"q\"'",
                    "MSG public.ok 3 1", "k");
            return lines.equals(expected) ? "refused" : "unexpected replies " + lines;
        }
    }

    private static String verdict(String received, String expectedError) {
        return received.trim().equals(expectedError) ? "refused" : "closed with [" + received.trim() + "]";
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
