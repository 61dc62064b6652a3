package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Accounts with jnats, each scenario run against Wirehub and, when it is installed, against
 * nats-server with the same config: both must show the same deliveries. Isolation, stream imports
 * (prefix, to), service imports (request-reply across accounts, no responders, a stream of
 * responses), and the account limits.
 */
class AccountsDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Long enough for a message that would arrive to arrive; used only where none must. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private static final String CONFIG = """
            accounts {
              A: {
                users: [ {user: a, password: pa}, {user: a2, password: pa} ]
                exports: [
                  {stream: "orders.>"}
                  {stream: "metrics.*.cpu", accounts: [B]}
                  {service: "svc.time"}
                  {service: "svc.feed", response: stream}
                  {service: "svc.none"}
                ]
              }
              B: {
                users: [ {user: b, password: pb} ]
                imports: [
                  {stream: {account: A, subject: "orders.>"}, prefix: "from_a"}
                  {stream: {account: A, subject: "metrics.*.cpu"}, to: "cpu.*"}
                  {service: {account: A, subject: "svc.time"}, to: "time"}
                  {service: {account: A, subject: "svc.feed"}}
                  {service: {account: A, subject: "svc.none"}}
                ]
                mappings: {
                  "old.*": "renamed.{{wildcard(1)}}"
                  "split.*": [ {destination: "half.a.$1", weight: 100} ]
                }
              }
              C: {
                users: [ {user: c, password: pc} ]
                limits: { max_connections: 1, max_payload: 16, max_subscriptions: 1 }
              }
            }
            """;

    @Test
    void topLevelMappingsApplyToTheGlobalAccount() throws Exception {
        Path file = Files.createTempFile("wirehub-mappings-", ".conf");
        Files.writeString(file, "mappings: { \"in.*.*\": \"out.$2.$1\" }\n");
        try (Wirehub server = Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build());
             Connection nc = Nats.connect(server.clientUrl())) {
            Subscription out = nc.subscribe("out.>");
            nc.flush(WAIT);
            nc.publish("in.a.b", bytes("x"));
            assertThat(drain(out)).containsExactly("out.b.a=x");
        } finally {
            Files.delete(file);
        }
    }

    private interface Scenario {
        List<String> run(String url) throws Exception;
    }

    private static List<String> onBoth(Scenario scenario) throws Exception {
        return onBoth(CONFIG, scenario);
    }

    private static List<String> onBoth(String config, Scenario scenario) throws Exception {
        Path file = Files.createTempFile("wirehub-accounts-", ".conf");
        Files.writeString(file, config);
        List<String> ours;
        try (Wirehub server = Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build())) {
            ours = scenario.run(server.clientUrl());
        } finally {
            Files.delete(file);
        }
        if (NatsServerProcess.available()) {
            try (NatsServerProcess nats = NatsServerProcess.start(config)) {
                assertThat(ours).as("Wirehub vs nats-server").isEqualTo(scenario.run(nats.url()));
            }
        }
        return ours;
    }

    private static Connection connect(String url, String user, String password) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo(user, password).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(2)).build());
    }

    private static String text(Message m) {
        return m.getSubject() + "=" + new String(m.getData(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Messages until none comes for {@link #QUIET}. */
    private static List<String> drain(Subscription sub) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        Message m;
        while ((m = sub.nextMessage(seen.isEmpty() ? WAIT : QUIET)) != null) {
            seen.add(text(m));
        }
        return seen;
    }

    @Test
    void accountsAreIsolatedAndStreamImportsRename() throws Exception {
        List<String> seen = onBoth(url -> {
            try (Connection a = connect(url, "a", "pa"); Connection b = connect(url, "b", "pb")) {
                Subscription bAll = b.subscribe(">");
                Subscription aOrders = a.subscribe("orders.>");
                b.flush(WAIT);
                a.flush(WAIT);
                b.publish("orders.new", bytes("b's own")); // not A's orders: B's subject space
                a.publish("orders.new", bytes("1"));
                a.publish("metrics.host1.cpu", bytes("42"));
                a.publish("secret.x", bytes("no"));
                a.flush(WAIT);
                b.flush(WAIT);
                List<String> out = new ArrayList<>();
                out.add("A:" + drain(aOrders));
                out.add("B:" + drain(bAll).stream().sorted().toList());
                return out;
            }
        });
        assertThat(seen).containsExactly("A:[orders.new=1]",
                "B:[cpu.host1=42, from_a.orders.new=1, orders.new=b's own]");
    }

    @Test
    void accountMappingsRenameWhatItsClientsPublish() throws Exception {
        List<String> seen = onBoth(url -> {
            try (Connection a = connect(url, "a", "pa"); Connection b = connect(url, "b", "pb")) {
                Subscription inB = b.subscribe(">");
                Subscription inA = a.subscribe(">");
                b.flush(WAIT);
                a.flush(WAIT);
                b.publish("old.x", bytes("1"));
                b.publish("split.y", bytes("2"));
                a.publish("old.z", bytes("3")); // A has no mappings
                b.flush(WAIT);
                a.flush(WAIT);
                List<String> out = new ArrayList<>();
                out.add("B:" + drain(inB).stream().sorted().toList());
                out.add("A:" + drain(inA));
                return out;
            }
        });
        assertThat(seen).containsExactly("B:[half.a.y=2, renamed.x=1]", "A:[old.z=3]");
    }

    @Test
    void aNarrowSubscriptionSeesOnlyItsPartOfTheImport() throws Exception {
        List<String> seen = onBoth(url -> {
            try (Connection a = connect(url, "a", "pa"); Connection b = connect(url, "b", "pb")) {
                Subscription eu = b.subscribe("from_a.orders.eu.*");
                b.flush(WAIT);
                a.publish("orders.eu.1", bytes("x"));
                a.publish("orders.us.1", bytes("y"));
                a.flush(WAIT);
                return drain(eu);
            }
        });
        assertThat(seen).containsExactly("from_a.orders.eu.1=x");
    }

    @Test
    void servicesAnswerAcrossAccounts() throws Exception {
        List<String> seen = onBoth(url -> {
            try (Connection a = connect(url, "a", "pa"); Connection b = connect(url, "b", "pb")) {
                a.createDispatcher(m -> a.publish(m.getReplyTo(), bytes("now for " + m.getSubject())))
                        .subscribe("svc.time");
                a.createDispatcher(m -> {
                    for (int i = 1; i <= 3; i++) {
                        a.publish(m.getReplyTo(), bytes("part" + i));
                    }
                }).subscribe("svc.feed");
                a.flush(WAIT);
                List<String> out = new ArrayList<>();
                Message reply = b.request("time", bytes("?"), WAIT);
                out.add(new String(reply.getData(), StandardCharsets.UTF_8));
                // A stream of responses to one request: the reply subject stays open for all of them.
                Subscription inbox = b.subscribe("my.inbox");
                b.publish("svc.feed", "my.inbox", bytes("go"));
                b.flush(WAIT);
                out.addAll(drain(inbox));
                return out;
            }
        });
        assertThat(seen).containsExactly("now for svc.time", "my.inbox=part1", "my.inbox=part2", "my.inbox=part3");
    }

    @Test
    void aServiceNobodyServesTimesOutAsWithNatsServer() throws Exception {
        List<String> seen = onBoth(url -> {
            try (Connection b = connect(url, "b", "pb")) {
                CompletableFuture<Message> future = b.request("svc.none", bytes("?"));
                try {
                    future.get(1, TimeUnit.SECONDS);
                    return List.of("answered");
                } catch (CancellationException e) {
                    return List.of("no responders");
                } catch (ExecutionException | TimeoutException e) {
                    return List.of(e.toString());
                }
            }
        });
        // The import itself is interest: no 503 comes back, the request times out (nats-server's way).
        assertThat(seen).containsExactly("java.util.concurrent.TimeoutException");
    }

    @Test
    void accountLimitsHoldConnectionsAndPayload() throws Exception {
        String login = "CONNECT {\"verbose\":false,\"user\":\"c\",\"pass\":\"pc\"}\r\nPING\r\n";
        List<String> seen = onBoth(url -> {
            java.net.URI uri = java.net.URI.create(url);
            List<String> out = new ArrayList<>();
            try (RawClient first = RawClient.connect(uri.getHost(), uri.getPort())) {
                first.expectLineStartingWith("INFO {");
                first.send(login);
                out.add(first.readLine(WAIT));
                try (RawClient second = RawClient.connect(uri.getHost(), uri.getPort())) {
                    second.expectLineStartingWith("INFO {");
                    second.send(login);
                    out.add(second.readLine(WAIT));
                    second.expectClosed();
                    out.add("second closed");
                }
                first.send("PUB small 16\r\n0123456789abcdef\r\nPING\r\n");
                out.add(first.readLine(WAIT));
                first.send("PUB big 17\r\n0123456789abcdefg\r\n");
                out.add(first.readLine(WAIT));
                first.expectClosed();
                out.add("first closed");
            }
            return out;
        });
        assertThat(seen).containsExactly("PONG", "-ERR 'maximum account active connections exceeded'",
                "second closed", "PONG", "-ERR 'Maximum Payload Violation'", "first closed");
    }

    /** An account's max_subscriptions: the second SUB is refused, the connection stays open and keeps the first. */
    @Test
    void accountLimitsHoldSubscriptions() throws Exception {
        List<String> seen = onBoth(url -> {
            java.net.URI uri = java.net.URI.create(url);
            List<String> out = new ArrayList<>();
            try (RawClient client = RawClient.connect(uri.getHost(), uri.getPort())) {
                client.expectLineStartingWith("INFO {");
                client.send("CONNECT {\"verbose\":false,\"user\":\"c\",\"pass\":\"pc\"}\r\nPING\r\n");
                out.add(client.readLine(WAIT));
                client.send("SUB one 1\r\nPING\r\n");
                out.add(client.readLine(WAIT));
                client.send("SUB two 2\r\nPING\r\n");
                out.add(client.readLine(WAIT));
                out.add(client.readLine(WAIT));
                client.send("PUB one 1\r\nx\r\nPUB two 1\r\ny\r\nPING\r\n");
                out.add(client.readLine(WAIT));
                out.add(client.readLine(WAIT));
                out.add(client.readLine(WAIT));
            }
            return out;
        });
        assertThat(seen).containsExactly("PONG", "PONG", "-ERR 'maximum subscriptions exceeded'", "PONG",
                "MSG one 1 1", "x", "PONG");
    }

    /** What an account sees of x.>, published by a of A and b of B: "A:[x.a]" if it is A's. */
    private static String whoseSubjects(String url, Connection probe) throws Exception {
        try (Connection a = connect(url, "a", "pa"); Connection b = connect(url, "b", "pb")) {
            Subscription sub = probe.subscribe("x.>");
            probe.flush(WAIT);
            b.publish("x.b", bytes("from B"));
            b.flush(WAIT);
            a.publish("x.a", bytes("from A"));
            a.flush(WAIT);
            return "sees " + drain(sub).stream().sorted().toList();
        }
    }

    /** no_auth_user naming a user of account A: a client without credentials lands in A. */
    @Test
    void noAuthUserPutsAnonymousClientsInItsAccount() throws Exception {
        List<String> seen = onBoth(CONFIG + "no_auth_user: a2\n", url -> {
            try (Connection anonymous = Nats.connect(new Options.Builder().server(url).maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(2)).build())) {
                List<String> out = new ArrayList<>();
                out.add(whoseSubjects(url, anonymous));
                // and what it publishes goes to A's subscribers, not B's
                try (Connection a = connect(url, "a", "pa"); Connection b = connect(url, "b", "pb")) {
                    Subscription inA = a.subscribe("y");
                    Subscription inB = b.subscribe("y");
                    a.flush(WAIT);
                    b.flush(WAIT);
                    anonymous.publish("y", bytes("anon"));
                    anonymous.flush(WAIT);
                    out.add("A got " + drain(inA));
                    out.add("B got " + List.of(inB.nextMessage(QUIET) == null ? "nothing" : "something"));
                }
                return out;
            }
        });
        assertThat(seen).containsExactly("sees [x.a=from A]", "A got [y=anon]", "B got [nothing]");
    }

    /** A user of an account given by its nkey ({nkey: U...}) signs the nonce with its seed and lands in the account. */
    @Test
    void anNkeyUserOfAnAccountLandsInIt() throws Exception {
        io.nats.client.NKey key = io.nats.client.NKey.createUser(null);
        String publicKey = new String(key.getPublicKey());
        String config = CONFIG.replace("users: [ {user: b, password: pb} ]",
                "users: [ {user: b, password: pb}, {nkey: " + publicKey + "} ]");
        assertThat(config).contains(publicKey);
        io.nats.client.AuthHandler auth = new io.nats.client.AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return key.sign(nonce);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getID() {
                try {
                    return key.getPublicKey();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
        List<String> seen = onBoth(config, url -> {
            List<String> out = new ArrayList<>();
            try (Connection nkeyUser = Nats.connect(new Options.Builder().server(url).authHandler(auth)
                    .maxReconnects(0).connectionTimeout(Duration.ofSeconds(2)).build())) {
                out.add(whoseSubjects(url, nkeyUser));
            }
            io.nats.client.NKey stranger = io.nats.client.NKey.createUser(null);
            try (Connection nc = Nats.connect(new Options.Builder().server(url).maxReconnects(0)
                    .connectionTimeout(Duration.ofSeconds(2)).authHandler(new io.nats.client.AuthHandler() {
                        @Override
                        public byte[] sign(byte[] nonce) {
                            try {
                                return stranger.sign(nonce);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public char[] getID() {
                            return publicKey.toCharArray(); // the known key, signed with another seed
                        }

                        @Override
                        public char[] getJWT() {
                            return null;
                        }
                    }).build())) {
                out.add("wrong seed connected");
            } catch (Exception e) {
                out.add("wrong seed: " + (String.valueOf(e.getMessage()).contains("Authorization Violation")
                        ? "Authorization Violation" : e.getMessage()));
            }
            return out;
        });
        assertThat(seen).containsExactly("sees [x.b=from B]", "wrong seed: Authorization Violation");
    }

    /** A client that takes async INFO learns its account's lower max_payload after its first PONG. */
    @Test
    void aClientLearnsItsAccountsPayloadLimitAfterTheFirstPong() throws Exception {
        List<String> seen = onBoth(url -> {
            java.net.URI uri = java.net.URI.create(url);
            List<String> out = new ArrayList<>();
            try (RawClient client = RawClient.connect(uri.getHost(), uri.getPort())) {
                client.expectLineStartingWith("INFO {");
                client.send("CONNECT {\"verbose\":false,\"protocol\":1,\"user\":\"c\",\"pass\":\"pc\"}\r\nPING\r\n");
                out.add(client.readLine(WAIT));
                String info = client.readLine(WAIT);
                out.add(info.startsWith("INFO {") ? "INFO max_payload " + info.replaceAll(".*\"max_payload\":(\\d+).*", "$1")
                        : info);
                client.send("PING\r\n");
                out.add(client.readLine(WAIT));
            }
            return out;
        });
        assertThat(seen).containsExactly("PONG", "INFO max_payload 16", "PONG");
    }
}
