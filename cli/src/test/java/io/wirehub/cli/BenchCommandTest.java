package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.WirehubTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirehub bench}: each load against an embedded server, small and bounded. */
@WirehubTest
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(CommandRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void pubsubCountsEveryMessageAtEverySubscriber(Wirehub server) throws Exception {
        JsonNode result = json(CommandRun.of("bench", "pubsub", "-s", server.clientUrl(), "bench.ps", "--msgs", "2000",
                "--clients", "2", "--subs", "2", "--size", "1KB", "--json"));
        assertThat(result.path("size").asInt()).isEqualTo(1024);
        assertThat(result.path("pub").path("msgs").asLong()).isEqualTo(2000);
        assertThat(result.path("sub").path("msgs").asLong()).isEqualTo(4000);
        assertThat(result.path("sub").path("clients")).hasSize(2);
        assertThat(result.path("sub").path("msgs_per_sec").asDouble()).isPositive();
        assertThat(result.path("pub").path("mb_per_sec").asDouble()).isPositive();
    }

    @Test
    void pubAloneAndTextReport(Wirehub server) {
        CommandRun run = CommandRun.of("bench", "pub", "-s", server.clientUrl(), "bench.p", "--msgs", "3000",
                "--clients", "3", "--size", "16");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pub on \"bench.p\", 16 byte payloads").contains("Pub stats: ")
                .contains(" [3] ").contains("min ").contains("stddev");
    }

    @Test
    void csvHasNatsBenchColumnsAndARowPerClient(Wirehub server, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path csv = dir.resolve("run.csv");
        CommandRun run = CommandRun.of("bench", "pubsub", "-s", server.clientUrl(), "bench.csv", "--msgs", "1000",
                "--clients", "2", "--subs", "1", "--size", "16", "--csv", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Saved metric data in csv file " + csv);
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("#RunID,ClientID,MsgCount,MsgBytes,MsgsPerSec,BytesPerSec,DurationSecs");
        assertThat(lines).hasSize(4);
        String[] sub = lines.get(1).split(",");
        assertThat(sub[1]).isEqualTo("S0");
        assertThat(Long.parseLong(sub[2])).isEqualTo(1000);
        assertThat(Long.parseLong(sub[3])).isEqualTo(16_000);
        assertThat(lines.subList(2, 4)).extracting(l -> l.split(",")[1]).containsExactly("P0", "P1");
        assertThat(lines.stream().skip(1).map(l -> l.split(",")[0]).distinct()).as("one run id").hasSize(1);
        assertThat(Double.parseDouble(sub[6])).isPositive();
    }

    @Test
    void subWaitsForAnotherPublisher(Wirehub server) throws Exception {
        CompletableFuture<CommandRun> sub = CommandRun.inBackground("bench", "sub", "-s", server.clientUrl(),
                "bench.s", "--msgs", "1000", "--json");
        Await.until(Duration.ofSeconds(10), () -> !server.router().index().match("bench.s").isEmpty(), "subscribed");
        assertThat(CommandRun.of("bench", "pub", "-s", server.clientUrl(), "bench.s", "--msgs", "1000").exitCode())
                .isZero();
        assertThat(json(sub.get(30, TimeUnit.SECONDS)).path("sub").path("msgs").asLong()).isEqualTo(1000);
    }

    @Test
    void reqReportsOrderedPercentilesAndPlots(Wirehub server, @TempDir Path dir) throws Exception {
        Path plot = dir.resolve("latency.html");
        JsonNode result = json(CommandRun.of("bench", "req", "-s", server.clientUrl(), "bench.r", "--msgs", "500",
                "--clients", "2", "--json", "--plot", plot.toString()));
        JsonNode latency = result.path("latency_us");
        assertThat(latency.path("count").asLong()).isEqualTo(500);
        assertThat(latency.path("p50").asLong()).isPositive().isLessThanOrEqualTo(latency.path("p99").asLong());
        assertThat(latency.path("p99").asLong()).isLessThanOrEqualTo(latency.path("max").asLong());
        String page = Files.readString(plot);
        assertThat(page).contains("<canvas id=\"plot\"").contains("new Chart(").contains("p50.000")
                .doesNotContain("src=\"http");
    }

    @Test
    void connectMeasuresSetUp(Wirehub server) throws Exception {
        JsonNode result = json(CommandRun.of("bench", "connect", "-s", server.clientUrl(), "--msgs", "50", "--json"));
        assertThat(result.path("connect").path("msgs").asLong()).isEqualTo(50);
        assertThat(result.path("latency_us").path("p50").asLong()).isPositive();
    }

    @Test
    void noServerIsOneLine() {
        CommandRun run = CommandRun.of("bench", "pub", "-s", "nats://127.0.0.1:1", "--timeout", "1s", "x",
                "--msgs", "10");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("wirehub: ").doesNotContain("\tat ");
    }

    @Test
    void reqWithoutRespondersFails(Wirehub server) {
        CommandRun run = CommandRun.of("bench", "req", "-s", server.clientUrl(), "bench.none", "--no-reply",
                "--msgs", "5", "--timeout", "500ms");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no responders");
    }
}
