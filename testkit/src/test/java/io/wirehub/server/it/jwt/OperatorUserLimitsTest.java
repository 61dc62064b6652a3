package io.wirehub.server.it.jwt;

import static io.wirehub.server.it.jwt.OperatorModeTest.options;
import static io.wirehub.server.it.jwt.OperatorModeTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
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

    /** A user's JWT and key, for the raw protocol; closedAtOnce: its subscription limit is 0. */
    private record User(String jwt, NKey key, boolean closedAtOnce, boolean signs) {
        User(String jwt, NKey key, boolean closedAtOnce) {
            this(jwt, key, closedAtOnce, true);
        }
    }

    /**
     * Connects as the user over the raw protocol, then subscribes three times and publishes 16
     * bytes, each followed by a PING: every answer arrives before its PONG, so what happened is
     * read in order, with no waiting on asynchronous callbacks.
     */
    private static String attempt(int port, User user) throws Exception {
        try (RawClient client = RawClient.connect("127.0.0.1", port)) {
            String info = client.expectLineStartingWith("INFO {");
            String nonce = JSON.readTree(info.substring(5)).path("nonce").asText();
            String sig = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(user.key().sign(nonce.getBytes(StandardCharsets.UTF_8)));
            ObjectNode hello = JSON.createObjectNode().put("verbose", false).put("protocol", 1).put("jwt", user.jwt());
            if (user.signs()) {
                hello.put("sig", sig);
            }
            client.send("CONNECT " + hello + "\r\nPING\r\n");
            if (user.closedAtOnce()) {
                // nats-server closes it from a goroutine 20 ms after connect, so its -ERR may come
                // before or after the PONG: what arrives until the close, in any order.
                return "closed at once: " + new java.util.TreeSet<>(java.util.Arrays.stream(client.expectClosed(WAIT)
                        .split("\r\n")).filter(line -> !line.isEmpty() && !line.equals("PONG")
                        && !line.startsWith("INFO ")).toList());
            }
            List<String> connect = untilPong(client);
            if (!connect.isEmpty()) {
                return "refused: " + connect;
            }
            client.send("SUB limits.0 1\r\nSUB limits.1 2\r\nSUB limits.2 3\r\nPING\r\n");
            List<String> subscribed = untilPong(client);
            client.send("PUB limits.0 16\r\n0123456789abcdef\r\nPING\r\n");
            List<String> published = untilPong(client);
            return "connected, subscribing " + subscribed + ", publishing " + published;
        }
    }

    /** The lines before the next PONG (an INFO shown by its max_payload), ending with "closed" if the server closed. */
    private static List<String> untilPong(RawClient client) {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = client.readLine(WAIT);
            } catch (AssertionError e) {
                if (client.isClosedByPeer()) {
                    lines.add("closed");
                    return lines;
                }
                throw e;
            }
            if (line.equals("PONG")) {
                return lines;
            }
            lines.add(line.startsWith("INFO ") ? "INFO max_payload " + line.replaceAll(".*\"max_payload\":(\\d+).*", "$1")
                    : line);
        }
    }

    private static List<String> run(Map<String, User> users, int port) throws Exception {
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, User> user : users.entrySet()) {
            seen.add(user.getKey() + ": " + attempt(port, user.getValue()));
        }
        return seen;
    }

    private static Map<String, User> users(OperatorWorld world) {
        Map<String, User> users = new LinkedHashMap<>();
        for (Map.Entry<String, Consumer<ObjectNode>> user : users().entrySet()) {
            NKey key = JwtFixture.userKey();
            users.put(user.getKey(), new User(JwtFixture.userJwt(world.accountA, key, JwtFixture.now(), 0,
                    user.getValue()), key, user.getKey().equals("no limits fields")));
        }
        // bearer_token: the JWT alone admits its holder, with no nonce signature; without it, no signature is refused.
        NKey bearer = JwtFixture.userKey();
        users.put("bearer unsigned", new User(JwtFixture.userJwt(world.accountA, bearer, JwtFixture.now(), 0,
                n -> n.put("bearer_token", true)), bearer, false, false));
        NKey plain = JwtFixture.userKey();
        users.put("not bearer unsigned", new User(JwtFixture.userJwt(world.accountA, plain), plain, false, false));
        // Issued by a scoped signing key whose template admits only another network: the template wins.
        NKey scoped = JwtFixture.userKey();
        users.put("scope elsewhere", new User(JwtFixture.userJwt(world.signerA, scoped, JwtFixture.now(), 0,
                n -> n.put("issuer_account", JwtFixture.publicKey(world.accountA))), scoped, false));
        return users;
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
        Map<String, User> users = users(world);
        List<String> ours;
        try (Wirehub server = start(world.memoryConfig())) {
            ours = run(users, server.port());
        }
        String refused = ": refused: [-ERR 'Authorization Violation', closed]";
        String delivered = "publishing [MSG limits.0 1 16, 0123456789abcdef]";
        assertThat(ours).contains("src loopback: connected, subscribing [], " + delivered,
                "src elsewhere" + refused, "times later" + refused, "types websocket" + refused,
                "scope elsewhere" + refused, "not bearer unsigned" + refused,
                "bearer unsigned: connected, subscribing [], " + delivered,
                "two subs: connected, subscribing [-ERR 'maximum subscriptions exceeded'], " + delivered,
                "payload 8: connected, subscribing [INFO max_payload 8], publishing [-ERR 'Maximum Payload Violation',"
                        + " closed]",
                "no limits fields: closed at once: [-ERR 'maximum subscriptions exceeded']");
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        List<String> theirs;
        try (NatsServerProcess server = NatsServerProcess.start(world.memoryConfig())) {
            theirs = run(users, java.net.URI.create(server.url()).getPort());
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
            assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), creds).build()))
                    .hasMessageContaining("Authorization Violation");
        }
    }
}
