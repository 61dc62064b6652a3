package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, per-address connection limits and configuration reload, over raw sockets
 * (ATTACKS.md 5, 13, 14).
 */
class SecurityLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";

    private static ServerConfig config(String text) throws Exception {
        Path file = Files.createTempFile("wirehub-limits-", ".conf");
        Files.writeString(file, text);
        try {
            return ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build();
        } finally {
            Files.delete(file);
        }
    }

    private static RawClient connected(Wirehub server, String connect) {
        RawClient client = RawClient.connect("127.0.0.1", server.port());
        client.expectLineStartingWith("INFO {");
        client.send(connect + "PING\r\n").expectLine("PONG");
        return client;
    }

    @Test
    void refusePolicyDropsPublishesOverTheRateWithANonFatalError() throws Exception {
        try (Wirehub server = Wirehub.start(config("limits { msgs_per_second: 10, rate_limit_policy: refuse }\n"));
             RawClient subscriber = connected(server, CONNECT);
             RawClient publisher = connected(server, CONNECT)) {
            subscriber.send("SUB burst 1\r\nPING\r\n").expectLine("PONG");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                burst.append("PUB burst 1\r\nx\r\n");
            }
            publisher.send(burst + "PING\r\n");
            int refused = 0;
            String line;
            while (!(line = publisher.readLine(WAIT)).equals("PONG")) {
                assertThat(line).isEqualTo("-ERR 'Permissions Violation for Publish to \"burst\": rate limit exceeded'");
                refused++;
            }
            assertThat(refused).as("40 publishes against a burst of 10").isBetween(25, 30);
            assertThat(server.stats().rateLimitHits()).isEqualTo(refused);
            subscriber.send("PING\r\n");
            int delivered = 0;
            while (!subscriber.readLine(WAIT).equals("PONG")) {
                subscriber.readLine(WAIT);
                delivered++;
            }
            assertThat(delivered).isEqualTo(40 - refused);
            publisher.send("PING\r\n").expectLine("PONG");
        }
    }

    @Test
    void slowDownPolicyDeliversEverythingAtTheConfiguredRate() throws Exception {
        try (Wirehub server = Wirehub.start(config("limits { msgs_per_second: 100 }\n"));
             RawClient subscriber = connected(server, CONNECT);
             RawClient publisher = connected(server, CONNECT)) {
            subscriber.send("SUB paced 1\r\nPING\r\n").expectLine("PONG");
            String ten = "PUB paced 1\r\nx\r\n".repeat(10);
            long start = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                // One read each (the PONG proves it was read): the server stops reading between
                // them once the publisher is over its rate, and TCP holds the publisher back.
                publisher.send(ten + "PING\r\n");
                publisher.expectLine("PONG");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // 100 in the first second's burst, then 100 a second: about two seconds for 300.
            assertThat(took).isGreaterThan(Duration.ofMillis(1500));
            for (int i = 0; i < 300; i++) {
                assertThat(subscriber.readLine(WAIT)).isEqualTo("MSG paced 1 1");
                subscriber.readLine(WAIT);
            }
            assertThat(server.stats().rateLimitHits()).isPositive();
        }
    }

    @Test
    void connectionsPerAddressAreCappedAndFreedOnClose() throws Exception {
        try (Wirehub server = Wirehub.start(config("limits { connections_per_address: 3 }\n"))) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    clients.add(connected(server, CONNECT));
                }
                try (RawClient fourth = RawClient.connect("127.0.0.1", server.port())) {
                    fourth.expectLineStartingWith("INFO {");
                    assertThat(fourth.expectClosed().trim()).isEqualTo("-ERR 'maximum connections exceeded'");
                }
                clients.removeFirst().close();
                Await.until(WAIT, () -> server.connections().size() == 2, "first client gone");
                clients.add(connected(server, CONNECT));
                assertThat(server.stats().connectionsRefused()).isEqualTo(1);
            } finally {
                clients.forEach(RawClient::close);
            }
        }
    }

    @Test
    void connectRatePerAddressRefusesAStorm() throws Exception {
        try (Wirehub server = Wirehub.start(config("limits { connect_rate_per_address: 5 }\n"))) {
            int refused = 0;
            for (int i = 0; i < 15; i++) {
                try (RawClient client = RawClient.connect("127.0.0.1", server.port())) {
                    client.expectLineStartingWith("INFO {");
                    client.send(CONNECT + "PING\r\n");
                    String reply = client.readLine(WAIT);
                    if (reply.equals("-ERR 'maximum connections exceeded'")) {
                        refused++;
                    } else {
                        assertThat(reply).isEqualTo("PONG");
                    }
                }
            }
            assertThat(refused).as("15 connects against a burst of 5 a second").isBetween(8, 10);
        }
    }

    @Test
    void reloadDropsSubscriptionsThatLostPermissionAndClosesRemovedUsers() throws Exception {
        String before = """
                authorization { users = [
                  { user: alice, password: a, permissions: { subscribe: ["foo.>"] } }
                  { user: carol, password: c }
                ] }
                """;
        String after = """
                authorization { users = [
                  { user: alice, password: a, permissions: { subscribe: ["foo.x"] } }
                ] }
                """;
        try (Wirehub server = Wirehub.start(config(before));
             RawClient alice = connected(server, "CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"a\"}\r\n");
             RawClient carol = connected(server, "CONNECT {\"verbose\":false,\"user\":\"carol\",\"pass\":\"c\"}\r\n")) {
            alice.send("SUB foo.x 1\r\nSUB foo.y 2\r\nPING\r\n").expectLine("PONG");
            List<String> needRestart = server.reload(config(after));
            assertThat(needRestart).isEmpty();
            alice.expectLine("-ERR 'Permissions Violation for Subscription to \"foo.y\" (sid \"2\")'");
            assertThat(carol.expectClosed().trim()).isEqualTo("-ERR 'Authorization Violation'");
            alice.send("SUB foo.z 3\r\nPING\r\n");
            alice.expectLine("-ERR 'Permissions Violation for Subscription to \"foo.z\"'");
            alice.expectLine("PONG");
            try (RawClient again = RawClient.connect("127.0.0.1", server.port())) {
                again.expectLineStartingWith("INFO {");
                again.send("CONNECT {\"verbose\":false,\"user\":\"carol\",\"pass\":\"c\"}\r\nPING\r\n");
                assertThat(again.expectClosed().trim()).isEqualTo("-ERR 'Authorization Violation'");
            }
        }
    }
}
