package io.wirehub.server.it.jwt;

import static io.wirehub.server.it.jwt.OperatorModeTest.options;
import static io.wirehub.server.it.jwt.OperatorModeTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.NatsServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a user JWT restricts beyond permissions: the networks it may come from ({@code src}), the
 * daily windows it may connect in ({@code times}, {@code times_location}), its connection types,
 * and its subscription and payload limits; a scoped signing key's template replaces all of these.
 * Each user is tried on Wirehub and on nats-server, and the two must agree.
 */
class OperatorUserLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * A zone in which it is now about noon (Etc/GMT-N is UTC+N), so windows around and away from
     * "now" never cross midnight, whenever the test runs.
     */
    private static String zoneAtNoon() {
        int utcHour = LocalTime.now(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour; // -11..12
        return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    }

    private static Consumer<ObjectNode> times(String zone, int fromHour, int toHour) {
        return n -> {
            n.putArray("times").addObject().put("start", CLOCK.format(LocalTime.of(fromHour, 0)))
                    .put("end", CLOCK.format(LocalTime.of(toHour, 59, 59)));
            n.put("times_location", zone);
        };
    }

    private static Map<String, Consumer<ObjectNode>> users() {
        String zone = zoneAtNoon();
        Map<String, Consumer<ObjectNode>> users = new LinkedHashMap<>();
        users.put("src loopback", n -> n.putArray("src").add("127.0.0.0/8"));
        users.put("src elsewhere", n -> n.putArray("src").add("10.0.0.0/8").add("192.168.0.0/16"));
        users.put("src bad block first", n -> n.putArray("src").add("127.0.0.1").add("127.0.0.0/8"));
        users.put("src as a string", n -> n.put("src", "10.0.0.0/8,127.0.0.0/8"));
        users.put("types standard", n -> n.putArray("allowed_connection_types").add("STANDARD"));
        users.put("types websocket", n -> n.putArray("allowed_connection_types").add("WEBSOCKET"));
        users.put("types unknown only", n -> n.putArray("allowed_connection_types").add("CARRIER_PIGEON"));
        users.put("types unknown and standard", n -> n.putArray("allowed_connection_types").add("CARRIER_PIGEON")
                .add("standard"));
        users.put("times now", times(zone, 11, 12));
        users.put("times later", times(zone, 15, 16));
        users.put("times bad zone", times("Mars/Olympus_Mons", 0, 23));
        users.put("two subs", n -> n.put("subs", 2));
        users.put("payload 8", n -> n.put("payload", 8));
        users.put("no limits fields", n -> {
            n.remove("subs");
            n.remove("payload");
            n.remove("data");
        });
        return users;
    }

    /** Connects as the user, then subscribes three times and publishes 16 bytes: what happened. */
    private static String attempt(String url, Path creds) throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        Connection nc;
        try {
            nc = Nats.connect(options(url, creds).errorListener(new ErrorListener() {
                @Override
                public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                }
            }).build());
        } catch (Exception e) {
            return "refused: " + e.getMessage();
        }
        try (nc) {
            for (int i = 0; i < 3; i++) {
                nc.subscribe("limits." + i);
            }
            nc.flush(WAIT);
            try {
                nc.publish("limits.0", new byte[16]);
            } catch (IllegalArgumentException e) {
                // The client knows the limit from the server's INFO and refuses the message itself.
                errors.add("client: " + e.getMessage());
            }
            try {
                nc.flush(Duration.ofSeconds(2));
            } catch (Exception e) {
                // A connection closed for its payload: the error says so.
            }
            Await.until(WAIT, () -> !errors.isEmpty() || nc.getStatus() == Connection.Status.CONNECTED,
                    "an answer to the publish");
            return "connected, errors " + errors.stream().distinct().toList() + ", "
                    + (nc.getStatus() == Connection.Status.CONNECTED ? "open" : "closed");
        }
    }

    private static List<String> run(OperatorWorld world, Map<String, Path> creds, String url) throws Exception {
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, Path> user : creds.entrySet()) {
            seen.add(user.getKey() + ": " + attempt(url, user.getValue()));
        }
        return seen;
    }

    private static Map<String, Path> creds(OperatorWorld world) throws Exception {
        Map<String, Path> creds = new LinkedHashMap<>();
        for (Map.Entry<String, Consumer<ObjectNode>> user : users().entrySet()) {
            NKey key = JwtFixture.userKey();
            creds.put(user.getKey(), world.creds(JwtFixture.userJwt(world.accountA, key, JwtFixture.now(), 0,
                    user.getValue()), key));
        }
        // Issued by a scoped signing key whose template admits only another network: the template wins.
        NKey scoped = JwtFixture.userKey();
        creds.put("scope elsewhere", world.creds(JwtFixture.userJwt(world.signerA, scoped, JwtFixture.now(), 0,
                n -> n.put("issuer_account", JwtFixture.publicKey(world.accountA))), scoped));
        return creds;
    }

    private static OperatorWorld world() throws Exception {
        OperatorWorld world = new OperatorWorld();
        world.accountJwts.put(JwtFixture.publicKey(world.accountA), world.accountA(n -> {
            ObjectNode scope = n.putArray("signing_keys").addObject();
            scope.put("kind", "user_scope").put("key", JwtFixture.publicKey(world.signerA)).put("role", "edge");
            ObjectNode template = scope.putObject("template");
            template.putObject("pub");
            template.putObject("sub");
            template.put("subs", -1).put("data", -1).put("payload", -1);
            template.putArray("src").add("10.0.0.0/8");
        }));
        return world;
    }

    @Test
    void restrictionsAndLimitsAsNatsServer() throws Exception {
        OperatorWorld world = world();
        Map<String, Path> creds = creds(world);
        List<String> ours;
        try (Wirehub server = start(world.memoryConfig())) {
            ours = run(world, creds, server.clientUrl());
        }
        assertThat(ours).contains("src loopback: connected, errors [], open",
                "src elsewhere: refused: Authentication error connecting to NATS server: Authorization Violation",
                "times later: refused: Authentication error connecting to NATS server: Authorization Violation",
                "types websocket: refused: Authentication error connecting to NATS server: Authorization Violation",
                "scope elsewhere: refused: Authentication error connecting to NATS server: Authorization Violation");
        assertThat(ours).anyMatch(line -> line.startsWith("two subs: connected, errors [maximum subscriptions exceeded]"));
        assertThat(ours).anyMatch(line -> line.startsWith("payload 8: connected, errors [client: Message payload size exceed server configuration 16 vs 8]"));
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        List<String> theirs;
        try (NatsServerProcess server = NatsServerProcess.start(world.memoryConfig())) {
            theirs = run(world, creds, server.url());
        }
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void aConnectionIsClosedWhenItsWindowEnds() throws Exception {
        OperatorWorld world = new OperatorWorld();
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        assumeTrue(now.isAfter(LocalTime.of(0, 0, 5)) && now.isBefore(LocalTime.of(23, 59, 50)),
                "a window of a few seconds around now must not cross midnight");
        NKey key = JwtFixture.userKey();
        Path creds = world.creds(JwtFixture.userJwt(world.accountA, key, JwtFixture.now(), 0, n -> {
            n.putArray("times").addObject().put("start", CLOCK.format(now.minusSeconds(5)))
                    .put("end", CLOCK.format(now.plusSeconds(3)));
            n.put("times_location", "UTC");
        }), key);
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Wirehub server = start(world.memoryConfig());
             Connection nc = Nats.connect(options(server.clientUrl(), creds).errorListener(new ErrorListener() {
                 @Override
                 public void errorOccurred(Connection conn, String error) {
                     errors.add(error);
                 }
             }).build())) {
            nc.flush(WAIT);
            Await.until(Duration.ofSeconds(10), () -> errors.contains("User Authentication Expired"),
                    "the connection closed at the end of its window");
        }
    }

    @Test
    void aWebSocketOnlyUserConnectsOverWebSocketOnly() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey key = JwtFixture.userKey();
        Path creds = world.creds(JwtFixture.userJwt(world.accountA, key, JwtFixture.now(), 0,
                n -> n.putArray("allowed_connection_types").add("WEBSOCKET")), key);
        try (Wirehub server = start(world.memoryConfig() + "websocket { port: -1, no_tls: true }\n")) {
            try (Connection ws = Nats.connect(options(server.webSocketUrl(), creds).build())) {
                ws.flush(WAIT);
            }
            assertThat(attempt(server.clientUrl(), creds)).isEqualTo("refused: Authentication error connecting to NATS server: Authorization Violation");
        }
    }
}
