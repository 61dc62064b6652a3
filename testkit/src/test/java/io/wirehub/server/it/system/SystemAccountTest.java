package io.wirehub.server.it.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The system account's internal client, black-box with jnats: the CONNECT, DISCONNECT and
 * SERVER.CONNS events a system user sees for a user of account A, the {@code $SYS.REQ} requests,
 * USER.INFO and CONNZ for a user of any account, and that other accounts cannot see the system
 * account's subjects. Side by side with nats-server: {@link SystemAccountDifferentialTest}.
 */
class SystemAccountTest {
    static final String CONFIG = """
            accounts {
              A: { users: [ {user: a, password: p}, {user: a2, password: p},
                            {user: limited, password: p, permissions: {publish: {deny: ["forbidden.>"]},
                                                                       subscribe: {deny: ["secret"]}}} ] }
              SYS: { users: [ {user: sys, password: p} ] }
            }
            system_account: SYS
            """;
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Long enough for an answer that would come to come; used only where none must. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Wirehub start() throws Exception {
        Path file = Files.createTempFile("wirehub-sys-", ".conf");
        Files.writeString(file, CONFIG);
        try {
            return Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build());
        } finally {
            Files.delete(file);
        }
    }

    static Connection connect(String url, String user, String name) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo(user, "p").connectionName(name)
                .maxReconnects(0).build());
    }

    static JsonNode json(Message message) throws Exception {
        assertThat(message).as("a message").isNotNull();
        return JSON.readTree(message.getData());
    }

    static JsonNode request(Connection nc, String subject, String body) throws Exception {
        Message answer = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        return json(answer);
    }

    @Test
    void aSystemUserSeesAccountAsClientsComeAndGo() throws Exception {
        try (Wirehub server = start(); Connection sys = connect(server.clientUrl(), "sys", "watcher")) {
            Subscription events = sys.subscribe("$SYS.ACCOUNT.A.>");
            sys.flush(WAIT);
            try (Connection a = connect(server.clientUrl(), "a", "alice")) {
                a.publish("work", "hello".getBytes(StandardCharsets.UTF_8));
                a.flush(WAIT);
                Message first = events.nextMessage(WAIT);
                assertThat(first.getSubject()).isEqualTo("$SYS.ACCOUNT.A.CONNECT");
                JsonNode connect = json(first);
                assertThat(connect.get("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_connect");
                assertThat(connect.get("id").asText()).hasSize(22);
                assertThat(connect.get("timestamp").asText()).isNotEmpty();
                assertThat(connect.at("/server/id").asText()).isEqualTo(server.serverId());
                assertThat(connect.at("/server/name").asText()).isEqualTo(server.serverName());
                assertThat(connect.at("/server/seq").asLong()).isPositive();
                JsonNode client = connect.get("client");
                assertThat(client.get("acc").asText()).isEqualTo("A");
                assertThat(client.get("user").asText()).isEqualTo("a");
                assertThat(client.get("name").asText()).isEqualTo("alice");
                assertThat(client.get("lang").asText()).isEqualTo("java");
                assertThat(client.get("host").asText()).isEqualTo("127.0.0.1");
                assertThat(client.get("kind").asText()).isEqualTo("Client");
                assertThat(client.get("client_type").asText()).isEqualTo("nats");
                assertThat(client.has("stop")).isFalse();

                Message conns = events.nextMessage(WAIT);
                assertThat(conns.getSubject()).isEqualTo("$SYS.ACCOUNT.A.SERVER.CONNS");
                JsonNode count = json(conns);
                assertThat(count.get("type").asText()).isEqualTo("io.nats.server.advisory.v1.account_connections");
                assertThat(count.get("acc").asText()).isEqualTo("A");
                assertThat(count.get("conns").asInt()).isEqualTo(1);
            }
            Message gone = events.nextMessage(WAIT);
            assertThat(gone.getSubject()).isEqualTo("$SYS.ACCOUNT.A.DISCONNECT");
            JsonNode disconnect = json(gone);
            assertThat(disconnect.get("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_disconnect");
            assertThat(disconnect.get("reason").asText()).isEqualTo("Client Closed");
            assertThat(disconnect.at("/client/name").asText()).isEqualTo("alice");
            assertThat(disconnect.at("/client/stop").asText()).isNotEmpty();
            // "sent" is what the client published: one message of 5 bytes.
            assertThat(disconnect.at("/sent/msgs").asLong()).isEqualTo(1);
            assertThat(disconnect.at("/sent/bytes").asLong()).isEqualTo(5);
            JsonNode after = json(events.nextMessage(WAIT));
            assertThat(after.get("conns").asInt()).isZero();
        }
    }

    @Test
    void statszIsPublishedWhileSomeoneListens() throws Exception {
        try (Wirehub server = start(); Connection sys = connect(server.clientUrl(), "sys", "watcher")) {
            Subscription statsz = sys.subscribe("$SYS.SERVER.*.STATSZ");
            sys.flush(WAIT);
            // The heartbeat starts at 250 ms and doubles: within a few seconds of start one is due.
            Message beat = statsz.nextMessage(Duration.ofSeconds(10));
            assertThat(beat.getSubject()).isEqualTo("$SYS.SERVER." + server.serverId() + ".STATSZ");
            JsonNode body = json(beat);
            assertThat(body.at("/server/id").asText()).isEqualTo(server.serverId());
            assertThat(body.at("/statsz/connections").asInt()).isEqualTo(1);
            assertThat(body.at("/statsz/start").asText()).isNotEmpty();
        }
    }

    @Test
    void globalAccountClientsAreNotAnnounced() throws Exception {
        Path file = Files.createTempFile("wirehub-sys-", ".conf");
        Files.writeString(file, "accounts { SYS: { users: [ {user: sys, password: p} ] } }\n"
                + "system_account: SYS\nauthorization { users: [ {user: g, password: p} ] }\n");
        try (Wirehub server = Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build());
             Connection sys = connect(server.clientUrl(), "sys", "watcher")) {
            Subscription events = sys.subscribe("$SYS.ACCOUNT.*.CONNECT");
            sys.flush(WAIT);
            try (Connection g = connect(server.clientUrl(), "g", "global")) {
                g.flush(WAIT);
            }
            try (Connection other = connect(server.clientUrl(), "sys", "second")) {
                other.flush(WAIT);
                // The second system client is announced; the global one before it was not. The watcher's own
                // event is published after its CONNECT was answered, so it may arrive after its subscription.
                JsonNode event = json(events.nextMessage(WAIT));
                if (event.at("/client/name").asText().equals("watcher")) {
                    event = json(events.nextMessage(WAIT));
                }
                assertThat(event.at("/client/name").asText()).isEqualTo("second");
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void serverRequestsAnswerWithTheMonitoringDocuments() throws Exception {
        try (Wirehub server = start(); Connection sys = connect(server.clientUrl(), "sys", "watcher");
             Connection a = connect(server.clientUrl(), "a", "alice")) {
            a.subscribe("orders.*");
            a.flush(WAIT);

            JsonNode statsz = request(sys, "$SYS.REQ.SERVER.PING", "");
            assertThat(statsz.at("/server/id").asText()).isEqualTo(server.serverId());
            assertThat(statsz.at("/statsz/connections").asInt()).isEqualTo(2);
            assertThat(statsz.at("/statsz/active_accounts").asInt()).isEqualTo(2);

            JsonNode varz = request(sys, "$SYS.REQ.SERVER.PING.VARZ", "");
            assertThat(varz.at("/data/server_id").asText()).isEqualTo(server.serverId());
            assertThat(varz.at("/data/system_account").asText()).isEqualTo("SYS");

            JsonNode connz = request(sys, "$SYS.REQ.SERVER." + server.serverId() + ".CONNZ", "{\"acc\":\"A\"}");
            assertThat(names(connz.at("/data/connections"))).containsExactly("alice");

            JsonNode subsz = request(sys, "$SYS.REQ.ACCOUNT.A.SUBSZ", "");
            List<String> subjects = new ArrayList<>();
            subsz.at("/data/subscriptions_list").forEach(n -> subjects.add(n.get("subject").asText()));
            assertThat(subjects).contains("orders.*");

            JsonNode idz = json(sys.request("$SYS.REQ.SERVER.PING.IDZ", new byte[0], WAIT));
            assertThat(idz.get("id").asText()).isEqualTo(server.serverId());

            JsonNode health = request(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", "");
            assertThat(health.at("/data/status").asText()).isEqualTo("ok");

            JsonNode accountz = request(sys, "$SYS.REQ.SERVER.PING.ACCOUNTZ", "");
            List<String> accounts = new ArrayList<>();
            accountz.at("/data/accounts").forEach(n -> accounts.add(n.asText()));
            assertThat(accounts).containsExactlyInAnyOrder("$G", "A", "SYS");

            JsonNode info = request(sys, "$SYS.REQ.ACCOUNT.A.INFO", "");
            assertThat(info.at("/data/account_name").asText()).isEqualTo("A");
            assertThat(info.at("/data/client_connections").asInt()).isEqualTo(1);

            JsonNode statz = request(sys, "$SYS.REQ.ACCOUNT.A.STATZ", "");
            assertThat(statz.at("/data/account_statz/0/acc").asText()).isEqualTo("A");
            assertThat(statz.at("/data/account_statz/0/conns").asInt()).isEqualTo(1);

            JsonNode missing = request(sys, "$SYS.REQ.ACCOUNT.NOPE.INFO", "");
            assertThat(missing.at("/error/code").asInt()).isEqualTo(500);
            assertThat(missing.at("/error/description").asText()).isEqualTo("Account NOPE does not exist");
            // Go writes the nil *AccountInfo it got: "data":null beside the error.
            assertThat(missing.get("data").isNull()).isTrue();

            JsonNode bad = request(sys, "$SYS.REQ.SERVER.PING.CONNZ", "not json");
            assertThat(bad.at("/error/code").asInt()).isEqualTo(400);
            assertThat(bad.has("data")).isFalse();

            // A filter naming another server: this one stays silent.
            Subscription inbox = sys.subscribe("quiet.inbox");
            sys.publish("$SYS.REQ.SERVER.PING.VARZ", "quiet.inbox", "{\"server_name\":\"elsewhere\"}".getBytes(
                    StandardCharsets.UTF_8));
            assertThat(inbox.nextMessage(QUIET)).isNull();
        }
    }

    @Test
    void aUserOfAnyAccountGetsItsOwnInfoAndConnections() throws Exception {
        try (Wirehub server = start(); Connection a = connect(server.clientUrl(), "a", "alice");
             Connection sys = connect(server.clientUrl(), "sys", "watcher")) {
            JsonNode user = request(a, "$SYS.REQ.USER.INFO", "");
            assertThat(user.at("/data/user").asText()).isEqualTo("a");
            assertThat(user.at("/data/account").asText()).isEqualTo("A");
            assertThat(user.at("/server/id").asText()).isEqualTo(server.serverId());

            // CONNZ through the exported subject shows the requester's account only.
            JsonNode connz = request(a, "$SYS.REQ.SERVER.PING.CONNZ", "");
            assertThat(names(connz.at("/data/connections"))).containsExactly("alice");
            JsonNode accountConnz = request(a, "$SYS.REQ.ACCOUNT.PING.CONNZ", "");
            assertThat(names(accountConnz.at("/data/connections"))).containsExactly("alice");

            assertThat(user.at("/data").has("permissions")).as("a has no permissions").isFalse();
            try (Connection limited = connect(server.clientUrl(), "limited", "limited")) {
                JsonNode info = request(limited, "$SYS.REQ.USER.INFO", "");
                assertThat(info.at("/data/permissions").toString())
                        .isEqualTo("{\"publish\":{\"deny\":[\"forbidden.>\"]},\"subscribe\":{\"deny\":[\"secret\"]}}");
            }

            JsonNode sysUser = request(sys, "$SYS.REQ.USER.INFO", "");
            assertThat(sysUser.at("/data/account").asText()).isEqualTo("SYS");
        }
    }

    @Test
    void otherAccountsDoNotSeeTheSystemAccountsSubjects() throws Exception {
        try (Wirehub server = start(); Connection sys = connect(server.clientUrl(), "sys", "watcher");
             Connection a = connect(server.clientUrl(), "a", "alice")) {
            Subscription seenBySys = sys.subscribe("$SYS.>");
            Subscription seenByA = a.subscribe("$SYS.>");
            sys.flush(WAIT);
            a.flush(WAIT);
            try (Connection second = connect(server.clientUrl(), "a2", "second")) {
                second.flush(WAIT);
                // Events about the clients connected before (alice's CONNECT, the account's SERVER.CONNS) may come first.
                Message event = seenBySys.nextMessage(WAIT);
                while (event != null && !json(event).at("/client/name").asText().equals("second")) {
                    event = seenBySys.nextMessage(WAIT);
                }
                assertThat(event).as("second's CONNECT event").isNotNull();
                assertThat(event.getSubject()).isEqualTo("$SYS.ACCOUNT.A.CONNECT");
            }
            a.flush(WAIT);
            // A's subscription lives in A: the events went to the system account only.
            assertThat(seenByA.nextMessage(QUIET)).isNull();
            // A publishing on a system subject reaches nothing in the system account.
            a.publish("$SYS.REQ.SERVER.PING.KICK", new byte[0]);
            a.flush(WAIT);
            Message own = seenByA.nextMessage(WAIT);
            assertThat(own.getSubject()).isEqualTo("$SYS.REQ.SERVER.PING.KICK");
            assertThat(drainSubjects(seenBySys)).doesNotContain("$SYS.REQ.SERVER.PING.KICK");
        }
    }

    private static List<String> drainSubjects(Subscription subscription) throws InterruptedException {
        List<String> subjects = new ArrayList<>();
        Message m;
        while ((m = subscription.nextMessage(QUIET)) != null) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    static List<String> names(JsonNode connections) {
        List<String> names = new ArrayList<>();
        connections.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }
}
