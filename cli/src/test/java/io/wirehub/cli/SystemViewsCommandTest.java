package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * natscli's views through the system account: {@code server info}, {@code server ping} and
 * {@code account info}, as text and with {@code --json}.
 */
class SystemViewsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Wirehub start(String config) throws Exception {
        Path file = Files.writeString(dir.resolve("server.conf"), config);
        return Wirehub.start(ConfigFileLoader.load(file).builder().host("127.0.0.1").port(0).build());
    }

    private static final String ACCOUNTS = """
            server_name: views
            jetstream { store_dir: "%s" }
            accounts {
              APP: { users: [ {user: app, password: a} ], jetstream: enabled }
              SYS: { users: [ {user: admin, password: s} ] }
            }
            system_account: SYS
            """;

    @Test
    void serverInfoAndPingAnswerForASystemUser() throws Exception {
        try (Wirehub server = start(ACCOUNTS.formatted(dir.resolve("js")))) {
            String url = server.clientUrl();
            CommandRun info = CommandRun.of("server", "info", "-s", url, "--user", "admin", "--password", "s");
            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.out()).startsWith("Server information for views (")
                    .contains("Process Details:", "Connection Details:", "Limits:", "Statistics:", "Max Payload: 1.0 MiB");

            JsonNode varz = JSON.readTree(CommandRun.of("server", "info", "--json", "-s", url, "--user", "admin",
                    "--password", "s").out());
            assertThat(varz.path("server").path("name").asText()).isEqualTo("views");
            assertThat(varz.path("data").path("max_payload").asLong()).isEqualTo(1024 * 1024);
            String id = varz.path("server").path("id").asText();
            JsonNode byId = JSON.readTree(CommandRun.of("server", "info", id, "--json", "-s", url, "--user", "admin",
                    "--password", "s").out());
            assertThat(byId.path("data").path("server_id").asText()).isEqualTo(id);

            CommandRun ping = CommandRun.of("server", "ping", "--expect", "1", "-s", url, "--user", "admin",
                    "--password", "s");
            assertThat(ping.exitCode()).as(ping.err()).isZero();
            assertThat(ping.out()).startsWith("views").contains("1 replies in ");
            JsonNode pings = JSON.readTree(CommandRun.of("server", "ping", "--expect", "1", "--json", "-s", url,
                    "--user", "admin", "--password", "s").out());
            assertThat(pings).hasSize(1);
            assertThat(pings.get(0).path("statsz").path("connections").asLong()).isPositive();

            CommandRun notSystem = CommandRun.of("server", "info", "-s", url, "--user", "app", "--password", "a",
                    "--timeout", "500ms");
            assertThat(notSystem.exitCode()).isEqualTo(1);
            assertThat(notSystem.err()).contains("no server answered $SYS.REQ.SERVER.PING.VARZ")
                    .contains("system account");
        }
    }

    @Test
    void accountInfoShowsTheUserAndJetStream() throws Exception {
        try (Wirehub server = start(ACCOUNTS.formatted(dir.resolve("js")))) {
            String url = server.clientUrl();
            CommandRun info = CommandRun.of("account", "info", "-s", url, "--user", "app", "--password", "a");
            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.out()).contains("User: app", "Account: APP", "JetStream Account Information:",
                    "Streams: 0 of Unlimited");
            JsonNode json = JSON.readTree(CommandRun.of("account", "info", "--json", "-s", url, "--user", "app",
                    "--password", "a").out());
            assertThat(json.path("user").path("account").asText()).isEqualTo("APP");
            assertThat(json.path("jetstream").path("type").asText()).isEqualTo("io.nats.jetstream.api.v1.account_info_response");

            CommandRun noJs = CommandRun.of("account", "info", "-s", url, "--user", "admin", "--password", "s");
            assertThat(noJs.exitCode()).as(noJs.err()).isZero();
            assertThat(noJs.out()).contains("Account: SYS");
        }
    }
}
