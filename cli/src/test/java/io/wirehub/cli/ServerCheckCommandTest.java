package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.AuthConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.TestTools;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code wirehub server check}: figures, thresholds, formats and Nagios exit codes against a real server. */
class ServerCheckCommandTest {

    @Test
    void healthyServerIsOkWithPerfData() throws Exception {
        try (Wirehub server = Wirehub.start()) {
            CommandRun run = CommandRun.of("server", "check", "-s", server.clientUrl());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("OK Connection OK:connected to " + server.clientUrl() + " in ")
                    .contains("OK:rtt ", "OK:request round trip ")
                    .containsPattern("\\| connect_time=\\d+\\.\\d{4}s;0\\.5000;1\\.0000 rtt=\\d+\\.\\d{4}s;0\\.5000;1\\.0000"
                            + " request_time=\\d+\\.\\d{4}s;0\\.5000;1\\.0000\\n$");
            // The check's connections were counted like any client's: warm-up plus the timed one.
            assertThat(server.stats().totalConnections()).isEqualTo(2);
        }
    }

    @Test
    void thresholdsTurnFiguresIntoWarningsAndCriticals() throws Exception {
        try (Wirehub server = Wirehub.start()) {
            CommandRun warning = CommandRun.of("server", "check", "-s", server.clientUrl(), "--rtt-warn", "1ns");
            assertThat(warning.exitCode()).isEqualTo(1);
            assertThat(warning.out()).startsWith("WARNING Connection").contains("Warn:rtt ");
            CommandRun critical = CommandRun.of("server", "check", "-s", server.clientUrl(), "--req-warn", "1ns",
                    "--req-critical", "1ns");
            assertThat(critical.exitCode()).isEqualTo(2);
            assertThat(critical.out()).startsWith("CRITICAL Connection").contains("Crit:request round trip ");
        }
    }

    @Test
    void unreachableServerIsCritical() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CommandRun run = CommandRun.of("server", "check", "-s", "nats://127.0.0.1:" + closedPort, "--timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).startsWith("CRITICAL Connection Crit:connection failed: ");
    }

    @Test
    void credentialsAreUsedAndAWrongOneIsCritical() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .authorization(AuthConfig.NONE.withToken("t0ken")).build();
        try (Wirehub server = Wirehub.start(config)) {
            CommandRun ok = CommandRun.of("server", "check", "-s", server.clientUrl(), "--token", "t0ken");
            assertThat(ok.exitCode()).as(ok.out()).isZero();
            CommandRun wrong = CommandRun.of("server", "check", "-s", server.clientUrl(), "--token", "nope",
                    "--timeout", "2s");
            assertThat(wrong.exitCode()).isEqualTo(2);
            assertThat(wrong.out()).contains("Authorization Violation");
        }
    }

    @Test
    void jsonAndTextFormats() throws Exception {
        try (Wirehub server = Wirehub.start()) {
            CommandRun json = CommandRun.of("server", "check", "-s", server.clientUrl(), "--format", "json");
            assertThat(json.exitCode()).isZero();
            JsonNode result = new ObjectMapper().readTree(json.out());
            assertThat(result.get("status").asText()).isEqualTo("OK");
            assertThat(result.get("exit_code").asInt()).isZero();
            assertThat(result.get("measurements")).hasSize(3);
            assertThat(result.get("measurements").get(0).get("name").asText()).isEqualTo("connect_time");
            assertThat(result.get("measurements").get(0).get("seconds").asDouble()).isPositive();

            CommandRun text = CommandRun.of("server", "check", "-s", server.clientUrl(), "--format", "text");
            assertThat(text.out()).startsWith("Connection check of " + server.clientUrl() + ": OK\n")
                    .contains("connect_time", "rtt", "request_time");
        }
    }

    @Test
    void prometheusFormatPassesPromtool() throws Exception {
        try (Wirehub server = Wirehub.start()) {
            CommandRun run = CommandRun.of("server", "check", "-s", server.clientUrl(), "--format", "prometheus");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("wirehub_check_status{check=\"connection\"} 0",
                    "wirehub_check_connect_seconds{check=\"connection\"} ");
            Path promtool = TestTools.require("promtool", "/usr/bin/promtool", "/usr/local/bin/promtool");
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                    .start();
            check.getOutputStream().write(run.out().getBytes(StandardCharsets.UTF_8));
            check.getOutputStream().close();
            String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(report).isZero();
        }
    }

    @Test
    void natscliNamespaceGivesNatscliNamesAndLabels() throws Exception {
        try (Wirehub server = Wirehub.start()) {
            CommandRun run = CommandRun.of("server", "check", "connection", "-s", server.clientUrl(), "--format",
                    "prometheus", "--namespace", "nats_server_check");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("nats_server_check_connections_status_code{item=\"Connection\",status=\"OK\"} 0",
                    "nats_server_check_connections_connect_time{item=\"Connection\"} ",
                    "nats_server_check_connections_rtt{item=\"Connection\"} ",
                    "nats_server_check_connections_request_time{item=\"Connection\"} ")
                    .doesNotContain("wirehub_check");
        }
    }

    @Test
    void badArgumentsAreUnknown() {
        CommandRun badDuration = CommandRun.of("server", "check", "--connect-warn", "soon");
        assertThat(badDuration.exitCode()).isEqualTo(3);
        assertThat(badDuration.err()).contains("'soon' is not a duration");
        CommandRun badCheck = CommandRun.of("server", "check", "jetstream");
        assertThat(badCheck.exitCode()).isEqualTo(3);
        CommandRun badFormat = CommandRun.of("server", "check", "--format", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(3);
    }
}
