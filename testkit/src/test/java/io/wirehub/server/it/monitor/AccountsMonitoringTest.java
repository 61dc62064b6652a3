package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.JsonShape;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** /connz and /subsz with accounts: the account field, and the acc filter, as nats-server has them. */
class AccountsMonitoringTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Wirehub start(String config) throws Exception {
        Path file = Files.createTempFile("wirehub-accounts-", ".conf");
        Files.writeString(file, config);
        try {
            return Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0)
                    .monitoring(new MonitoringConfig("127.0.0.1", -1)).build());
        } finally {
            Files.delete(file);
        }
    }

    private static Connection connect(Wirehub server, String user) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).userInfo(user, "p").connectionName(user)
                .build());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void connzAndSubszNameAndFilterByAccount() throws Exception {
        try (Wirehub server = start("""
                accounts {
                  A: { users: [ {user: a, password: p} ] }
                  B: { users: [ {user: b, password: p} ] }
                }
                authorization { users: [ {user: g, password: p} ] }
                """);
             Connection a = connect(server, "a"); Connection b = connect(server, "b"); Connection g = connect(server, "g")) {
            a.subscribe("a.sub");
            b.subscribe("b.sub");
            g.subscribe("g.sub");
            a.flush(WAIT);
            b.flush(WAIT);
            g.flush(WAIT);
            String base = server.monitoringUrl();

            JsonNode all = HttpGet.get(base + "/connz?auth=1&sort=cid").json();
            assertThat(texts(all.get("connections"), "name")).containsExactly("a", "b", "g");
            // The account is shown with auth=1, and never for the global account.
            assertThat(texts(all.get("connections"), "account")).containsExactly("A", "B", "");
            JsonNode onlyB = HttpGet.get(base + "/connz?acc=B").json();
            assertThat(texts(onlyB.get("connections"), "name")).containsExactly("b");
            JsonNode unknown = HttpGet.get(base + "/connz?acc=NOPE").json();
            assertThat(unknown.get("connections")).isEmpty();

            // Besides the clients' subscriptions each account holds the system imports nats-server 2.10
            // gives it ($SYS.REQ.USER.INFO, $SYS.REQ.SERVER.PING.CONNZ, $SYS.REQ.ACCOUNT.PING.CONNZ and .STATZ).
            JsonNode clientSubs = HttpGet.get(base + "/subsz?subs=1&limit=1000").json().get("subscriptions_list");
            List<String> clientAccounts = new ArrayList<>();
            clientSubs.forEach(n -> {
                if (!n.path("subject").asText().startsWith("$SYS.")) {
                    clientAccounts.add(n.path("account").asText());
                }
            });
            assertThat(clientAccounts).containsExactlyInAnyOrder("A", "B", "$G");
            JsonNode subsOfA = HttpGet.get(base + "/subsz?subs=1&acc=A").json();
            assertThat(subsOfA.get("num_subscriptions").asInt()).isEqualTo(1 + 4);
            assertThat(texts(subsOfA.get("subscriptions_list"), "subject")).containsExactlyInAnyOrder("a.sub",
                    "$SYS.REQ.USER.INFO", "$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.ACCOUNT.PING.CONNZ",
                    "$SYS.REQ.ACCOUNT.PING.STATZ");

            assertThat(HttpGet.get(base + "/varz").json().get("system_account").asText()).isEqualTo("$SYS");
        }
    }

    private static final String SYSTEM_CONFIG = """
            accounts {
              A: {
                users: [ {user: a, password: p} ]
                exports: [ {stream: "orders.>"}, {service: "svc.time", accounts: [B]} ]
              }
              B: {
                users: [ {user: b, password: p} ]
                imports: [
                  {stream: {account: A, subject: "orders.>"}, prefix: "from_a"}
                  {service: {account: A, subject: "svc.time"}, to: "time"}
                ]
                mappings: { "old.*": "new.{{wildcard(1)}}" }
              }
              SYS: { users: [ {user: sys, password: p} ] }
            }
            system_account: SYS
            """;

    @Test
    void accountzListsAccountsAndDetailsOne() throws Exception {
        try (Wirehub server = start(SYSTEM_CONFIG); Connection a = connect(server, "a")) {
            a.subscribe("a.sub");
            a.flush(WAIT);
            String base = server.monitoringUrl();
            JsonNode list = HttpGet.get(base + "/accountz").json();
            assertThat(list.get("server_id").asText()).isEqualTo(server.serverId());
            assertThat(list.get("system_account").asText()).isEqualTo("SYS");
            List<String> names = new ArrayList<>();
            list.get("accounts").forEach(n -> names.add(n.asText()));
            assertThat(names).containsExactlyInAnyOrder("$G", "A", "B", "SYS");
            assertThat(list.has("account_detail")).isFalse();

            JsonNode detail = HttpGet.get(base + "/accountz?acc=A").json().get("account_detail");
            assertThat(detail.get("account_name").asText()).isEqualTo("A");
            assertThat(detail.get("client_connections").asInt()).isEqualTo(1);
            // a.sub, the four system imports, and the route back for responses to svc.time (B imports it).
            assertThat(detail.get("subscriptions").asInt()).isEqualTo(6);
            assertThat(detail.get("sublist_stats").get("num_subscriptions").asInt()).isEqualTo(6);
            assertThat(detail.has("is_system")).isFalse();
            List<String> imported = new ArrayList<>();
            detail.get("imports").forEach(n -> imported.add(n.get("local_subject").asText() + " <- "
                    + n.get("account").asText() + ":" + n.get("subject").asText()));
            assertThat(imported).containsExactlyInAnyOrder(
                    "$SYS.REQ.ACCOUNT.PING.CONNZ <- SYS:$SYS.REQ.ACCOUNT.A.CONNZ",
                    "$SYS.REQ.SERVER.PING.CONNZ <- SYS:$SYS.REQ.ACCOUNT.A.CONNZ",
                    "$SYS.REQ.ACCOUNT.PING.STATZ <- SYS:$SYS.REQ.ACCOUNT.A.STATZ",
                    "$SYS.REQ.USER.INFO <- SYS:$SYS.REQ.USER.A.INFO");
            assertThat(texts(detail.get("exports"), "subject")).containsExactly("orders.>", "svc.time");
            assertThat(detail.at("/exports/1/approved_accounts/0").asText()).isEqualTo("B");
            assertThat(detail.at("/exports/1/response_type").asText()).isEqualTo("Singleton");
            JsonNode b = HttpGet.get(base + "/accountz?acc=B").json().get("account_detail");
            assertThat(b.at("/mappings/old.*/0/subject").asText()).isEqualTo("new.{{wildcard(1)}}");
            assertThat(b.at("/mappings/old.*/0/weight").asInt()).isEqualTo(100);
            assertThat(b.at("/imports/0/local_subject").asText()).isEqualTo("from_a.orders.>");
            JsonNode sys = HttpGet.get(base + "/accountz?acc=SYS").json().get("account_detail");
            assertThat(texts(sys.get("exports"), "response_type")).contains("Streamed");
            assertThat(b.at("/imports/1/subject").asText()).isEqualTo("svc.time");
            assertThat(b.at("/imports/1/to").asText()).isEqualTo("time");
            assertThat(HttpGet.get(base + "/accountz?acc=SYS").json().at("/account_detail/is_system").asBoolean())
                    .isTrue();

            HttpGet.Answer missing = HttpGet.get(base + "/accountz?acc=NOPE");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body()).isEqualTo("Account NOPE does not exist\n");
        }
    }

    @Test
    void accstatzShowsAccountsWithClientsOrAllWhenUnused() throws Exception {
        try (Wirehub server = start(SYSTEM_CONFIG); Connection a = connect(server, "a")) {
            a.publish("x", new byte[3]);
            a.flush(WAIT);
            String base = server.monitoringUrl();
            JsonNode used = HttpGet.get(base + "/accstatz").json();
            assertThat(used.get("server_id").asText()).isEqualTo(server.serverId());
            assertThat(texts(used.get("account_statz"), "acc")).containsExactly("A");
            JsonNode statA = used.get("account_statz").get(0);
            assertThat(statA.get("conns").asInt()).isEqualTo(1);
            assertThat(statA.get("total_conns").asInt()).isEqualTo(1);
            // "received" is what the account's clients published.
            assertThat(statA.at("/received/msgs").asLong()).isEqualTo(1);
            assertThat(statA.at("/received/bytes").asLong()).isEqualTo(3);

            JsonNode all = HttpGet.get(base + "/accstatz?unused=1").json();
            assertThat(texts(all.get("account_statz"), "acc")).containsExactlyInAnyOrder("$G", "A", "B", "SYS");
            assertThat(HttpGet.get(base + "/accstatz?unused=maybe").status()).isEqualTo(400);
            // The index page links both.
            assertThat(HttpGet.get(base + "/").body()).contains("href=\"/accountz\"", "href=\"/accstatz\"");
        }
    }

    @Test
    void accountzAndAccstatzHaveNatsServersFields() throws Exception {
        Assumptions.assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        String[] paths = {"/accountz", "/accountz?acc=A", "/accstatz", "/accstatz?unused=1"};
        List<JsonNode> ours = new ArrayList<>();
        try (Wirehub server = start(SYSTEM_CONFIG); Connection a = connect(server, "a")) {
            a.flush(WAIT);
            for (String path : paths) {
                ours.add(HttpGet.get(server.monitoringUrl() + path).json());
            }
        }
        List<String> problems = new ArrayList<>();
        try (NatsServerProcess nats = NatsServerProcess.start(SYSTEM_CONFIG, true);
             Connection a = Nats.connect(new Options.Builder().server(nats.url()).userInfo("a", "p").build())) {
            a.flush(WAIT);
            for (int i = 0; i < paths.length; i++) {
                JsonNode theirs = HttpGet.get(nats.monitoringUrl() + paths[i]).json();
                // 2.10 added AccountStat's num_subscriptions and jwt.Import's local_subject.
                problems.addAll(JsonShape.differences(paths[i], ours.get(i), theirs,
                        Set.of("account_statz[].num_subscriptions", "account_detail.imports[].local_subject")));
            }
        }
        assertThat(problems).as("differences from nats-server").isEmpty();
    }
}
