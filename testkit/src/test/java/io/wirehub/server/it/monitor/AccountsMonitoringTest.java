package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.testkit.HttpGet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
