package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.WirehubTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code pub}, {@code sub}, {@code req}, {@code reply}: argument arrays against an embedded server. */
@WirehubTest
class MessagingCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Waits until the server holds a subscription on the subject (a background command subscribed). */
    private static void awaitSubscription(Wirehub server, String subject) {
        Await.until(WAIT, () -> !server.router().index().match(subject).isEmpty(), "a subscription on " + subject);
    }

    @Test
    void pubSendsTheBodyHeadersAndTemplates(Wirehub server) throws Exception {
        try (Connection nc = Nats.connect(server.clientUrl())) {
            Subscription sub = nc.subscribe("cli.pub");
            nc.flush(WAIT);
            CommandRun run = CommandRun.of("pub", "-s", server.clientUrl(), "cli.pub", "n={{Count}}", "--count", "3",
                    "-H", "Trace-Id: abc");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("Published 3 messages");
            for (int i = 1; i <= 3; i++) {
                Message m = sub.nextMessage(WAIT);
                assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("n=" + i);
                assertThat(m.getHeaders().getFirst("Trace-Id")).isEqualTo("abc");
            }
        }
    }

    @Test
    void pubSleepsBetweenMessages(Wirehub server) throws Exception {
        try (Connection nc = Nats.connect(server.clientUrl())) {
            Subscription sub = nc.subscribe("cli.paced");
            nc.flush(WAIT);
            long start = System.nanoTime();
            CommandRun run = CommandRun.of("pub", "-s", server.clientUrl(), "cli.paced", "{{ Count }}", "--count", "3",
                    "--sleep", "300ms");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(run.exitCode()).as(run.err()).isZero();
            for (int i = 1; i <= 3; i++) {
                assertThat(new String(sub.nextMessage(WAIT).getData(), StandardCharsets.UTF_8))
                        .isEqualTo(Integer.toString(i));
            }
            // Two pauses between three messages: a lower bound, which no scheduling delay can break.
            assertThat(took).as("pub --count 3 --sleep 300ms").isGreaterThanOrEqualTo(Duration.ofMillis(600));
            CommandRun bad = CommandRun.of("pub", "-s", server.clientUrl(), "cli.paced", "x", "--sleep", "soon");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.err()).contains("soon");
        }
    }

    @Test
    void pubReadsTheBodyFromStdin(Wirehub server) throws Exception {
        try (Connection nc = Nats.connect(server.clientUrl())) {
            Subscription sub = nc.subscribe("cli.stdin");
            nc.flush(WAIT);
            CommandRun run = CommandRun.withInput("from a pipe", "pub", "-s", server.clientUrl(), "cli.stdin");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(new String(sub.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("from a pipe");
        }
    }

    @Test
    void subPrintsMessagesAndStopsAtCount(Wirehub server) throws Exception {
        CompletableFuture<CommandRun> sub = CommandRun.inBackground("sub", "-s", server.clientUrl(), "cli.sub.>",
                "--count", "2", "--headers");
        awaitSubscription(server, "cli.sub.a");
        try (Connection nc = Nats.connect(server.clientUrl())) {
            io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers().add("K", "v");
            nc.publish("cli.sub.a", headers, "first".getBytes(StandardCharsets.UTF_8));
            nc.publish("cli.sub.b", "reply.here", "second".getBytes(StandardCharsets.UTF_8));
            nc.flush(WAIT);
        }
        CommandRun run = sub.get(10, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        // natscli's layout: headers then a blank line; the body, then two blank lines (one when it ends in a newline).
        assertThat(run.out()).isEqualTo("[#1] Received on \"cli.sub.a\"\nK: v\n\nfirst\n\n\n"
                + "[#2] Received on \"cli.sub.b\" with reply \"reply.here\"\nsecond\n\n\n");
    }

    @Test
    void subDumpsEachMessageAsNatscliJson(Wirehub server, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path dumps = dir.resolve("dumps");
        CompletableFuture<CommandRun> sub = CommandRun.inBackground("sub", "-s", server.clientUrl(), "cli.dump",
                "--count", "2", "--dump", dumps.toString());
        awaitSubscription(server, "cli.dump");
        try (Connection nc = Nats.connect(server.clientUrl())) {
            nc.publish("cli.dump", new io.nats.client.impl.Headers().add("K", "v1", "v2"),
                    "hello".getBytes(StandardCharsets.UTF_8));
            nc.publish("cli.dump", "r.1", new byte[0]);
            nc.flush(WAIT);
        }
        CommandRun run = sub.get(10, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var first = json.readTree(dumps.resolve("1.json").toFile());
        assertThat(first.path("Subject").asText()).isEqualTo("cli.dump");
        assertThat(first.path("Reply").asText()).isEmpty();
        assertThat(first.path("Header").path("K").toString()).isEqualTo("[\"v1\",\"v2\"]");
        assertThat(java.util.Base64.getDecoder().decode(first.path("Data").asText())).asString().isEqualTo("hello");
        var second = json.readTree(dumps.resolve("2.json").toFile());
        assertThat(second.path("Reply").asText()).isEqualTo("r.1");
        assertThat(second.path("Header").isNull()).isTrue();
    }

    @Test
    void subMatchesRequestsWithTheirReplies(Wirehub server) throws Exception {
        CompletableFuture<CommandRun> sub = CommandRun.inBackground("sub", "-s", server.clientUrl(), "cli.svc",
                "--count", "1", "--match-replies");
        awaitSubscription(server, "cli.svc");
        awaitSubscription(server, "_INBOX.anything");
        try (Connection nc = Nats.connect(server.clientUrl())) {
            nc.createDispatcher(m -> nc.publish(m.getReplyTo(), "answer".getBytes(StandardCharsets.UTF_8)))
                    .subscribe("cli.svc");
            nc.flush(WAIT);
            Message reply = nc.request("cli.svc", "question".getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(reply).isNotNull();
        }
        CommandRun run = sub.get(10, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsSubsequence("[#1] Received on \"cli.svc\" with reply \"_INBOX.", "question",
                "[#1] Matched reply on \"_INBOX.", "answer");
    }

    @Test
    void rawSubPrintsBodiesOnly(Wirehub server) throws Exception {
        CompletableFuture<CommandRun> sub = CommandRun.inBackground("sub", "-s", server.clientUrl(), "cli.raw",
                "--count", "2", "--raw");
        awaitSubscription(server, "cli.raw");
        CommandRun.of("pub", "-s", server.clientUrl(), "cli.raw", "line {{Count}}", "--count", "2");
        CommandRun run = sub.get(10, TimeUnit.SECONDS);
        assertThat(run.out()).isEqualTo("line 1\nline 2\n");
    }

    @Test
    void reqPrintsTheReplyOfAReplyCommand(Wirehub server) throws Exception {
        CompletableFuture<CommandRun> reply = CommandRun.inBackground("reply", "-s", server.clientUrl(), "cli.echo",
                "--echo", "--count", "1");
        awaitSubscription(server, "cli.echo");
        CommandRun req = CommandRun.of("req", "-s", server.clientUrl(), "cli.echo", "ping");
        assertThat(req.exitCode()).as(req.err()).isZero();
        assertThat(req.out()).isEqualTo("ping\n");
        assertThat(req.err()).contains("Received with rtt");
        assertThat(reply.get(10, TimeUnit.SECONDS).exitCode()).isZero();
    }

    @Test
    void replyRunsACommandPerRequest(Wirehub server) throws Exception {
        CompletableFuture<CommandRun> reply = CommandRun.inBackground("reply", "-s", server.clientUrl(), "cli.upper",
                "--command", "tr a-z A-Z", "--count", "1");
        awaitSubscription(server, "cli.upper");
        CommandRun req = CommandRun.of("req", "-s", server.clientUrl(), "cli.upper", "shout");
        assertThat(req.out()).isEqualTo("SHOUT\n");
        assertThat(reply.get(10, TimeUnit.SECONDS).exitCode()).isZero();
    }

    @Test
    void reqSendsCountRequestsAndGathersSeveralReplies(Wirehub server) throws Exception {
        try (Connection a = Nats.connect(server.clientUrl()); Connection b = Nats.connect(server.clientUrl())) {
            // Two services answer every request: --replies 2 waits for both, --replies 0 for all within the timeout.
            a.createDispatcher(m -> a.publish(m.getReplyTo(), ("a:" + new String(m.getData(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8))).subscribe("cli.many");
            b.createDispatcher(m -> b.publish(m.getReplyTo(), ("b:" + new String(m.getData(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8))).subscribe("cli.many");
            a.flush(WAIT);
            b.flush(WAIT);
            CommandRun two = CommandRun.of("req", "-s", server.clientUrl(), "cli.many", "n{{Count}}", "--count", "3",
                    "--replies", "2", "-r");
            assertThat(two.exitCode()).as(two.err()).isZero();
            assertThat(two.out().lines().sorted().toList()).containsExactly("a:n1", "a:n2", "a:n3", "b:n1", "b:n2",
                    "b:n3");
            assertThat(two.err()).doesNotContain("Received with rtt");

            CommandRun all = CommandRun.of("req", "-s", server.clientUrl(), "--timeout", "500ms", "cli.many", "x",
                    "--replies", "0");
            assertThat(all.exitCode()).as(all.err()).isZero();
            assertThat(all.out().lines().sorted().toList()).containsExactly("a:x", "b:x");
        }
    }

    @Test
    void reqWithoutRespondersFailsClearly(Wirehub server) {
        CommandRun req = CommandRun.of("req", "-s", server.clientUrl(), "nobody.home", "hello");
        assertThat(req.exitCode()).isEqualTo(1);
        assertThat(req.err()).isEqualTo("wirehub: no responders on \"nobody.home\"\n");
    }

    @Test
    void reqWithoutAReplyTimesOut(Wirehub server) throws Exception {
        try (Connection silent = Nats.connect(server.clientUrl())) {
            silent.subscribe("cli.silent");
            silent.flush(WAIT);
            CommandRun req = CommandRun.of("req", "-s", server.clientUrl(), "--timeout", "1500ms", "cli.silent", "x");
            assertThat(req.exitCode()).isEqualTo(1);
            assertThat(req.err()).isEqualTo("wirehub: no reply on \"cli.silent\" within 1500 ms\n");
        }
    }

    @Test
    void unreachableServerIsOneLine() {
        CommandRun run = CommandRun.of("pub", "-s", "nats://127.0.0.1:1", "--timeout", "1s", "x", "y");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("wirehub: cannot connect to nats://127.0.0.1:1").doesNotContain("\tat ");
    }

    @Test
    void pubOverTheUnixSocket(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path socket = dir.resolve("wh.sock");
        try (Wirehub unix = Wirehub.start(io.wirehub.server.config.ServerConfig.builder().host("127.0.0.1").port(0)
                .unix(io.wirehub.server.config.UnixSocketConfig.at(socket)).build());
             Connection nc = Nats.connect(unix.clientUrl())) {
            Subscription sub = nc.subscribe("over.unix");
            nc.flush(WAIT);
            CommandRun run = CommandRun.of("pub", "-s", "unix://" + socket, "over.unix", "via socket file");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(new String(sub.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("via socket file");
        }
    }
}
