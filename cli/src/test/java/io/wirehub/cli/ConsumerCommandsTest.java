package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.WirehubTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code wirehub consumer}: made, listed, read and removed by the command, checked through jnats. */
@WirehubTest(jetstream = true)
class ConsumerCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each test its own stream: the server is shared by the class. */
    private static void ordersWithThreeMessages(String url) throws Exception {
        try (Connection nc = Nats.connect(url)) {
            try {
                nc.jetStreamManagement().deleteStream("ORDERS");
            } catch (io.nats.client.JetStreamApiException e) {
                // none yet
            }
            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("ORDERS.*")
                    .build());
            for (int i = 1; i <= 3; i++) {
                nc.jetStream().publish("ORDERS.new", ("order " + i).getBytes());
            }
        }
    }

    @Test
    void aPullConsumerIsAddedReadAcknowledgedListedAndRemoved(Wirehub server) throws Exception {
        String s = server.clientUrl();
        ordersWithThreeMessages(s);

        CommandRun add = CommandRun.of("consumer", "add", "-s", s, "ORDERS", "C1", "--pull", "--filter", "ORDERS.new",
                "--max-deliver", "5", "--description", "new orders", "--defaults");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("Information for Consumer ORDERS > C1 created ")
                // natscli's columns: labels right-aligned to the longest ("Last Delivered Message") plus two.
                .contains("\nConfiguration:\n\n" + " ".repeat(20) + "Name: C1\n")
                .contains("\n" + " ".repeat(15) + "Pull Mode: true\n")
                .contains("Filter Subject: ORDERS.new\n").contains("Deliver Policy: All\n")
                .contains("Ack Policy: Explicit\n").contains("Ack Wait: 30.00s\n").contains("Maximum Deliveries: 5\n")
                .contains("\nState:\n\n")
                .contains("Last Delivered Message: Consumer sequence: 0 Stream sequence: 0\n")
                .contains("Unprocessed Messages: 3\n").contains("Waiting Pulls: 0 of maximum 512\n");
        try (Connection nc = Nats.connect(s)) {
            ConsumerInfo seen = nc.jetStreamManagement().getConsumerInfo("ORDERS", "C1");
            assertThat(seen.getConsumerConfiguration().getAckPolicy()).isEqualTo(AckPolicy.Explicit);
            assertThat(seen.getConsumerConfiguration().getMaxDeliver()).isEqualTo(5);
            assertThat(seen.getConsumerConfiguration().getDescription()).isEqualTo("new orders");
        }

        CommandRun next = CommandRun.of("consumer", "next", "-s", s, "ORDERS", "C1");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).matches("(?s)\\[\\d\\d:\\d\\d:\\d\\d\\] subj: ORDERS.new / tries: 1 / cons seq: 1 / "
                + "str seq: 1 / pending: 2\n\norder 1\n\nAcknowledged message\n\n");
        CommandRun nakked = CommandRun.of("consumer", "next", "-s", s, "ORDERS", "C1", "--nak", "--wait", "50ms");
        assertThat(nakked.out()).contains("/ tries: 1 / cons seq: 2 / str seq: 2 /").contains("\norder 2\n")
                .containsPattern("\nNegative Acknowledged message( after [0-9.]+(ms|µs|ns) delay)?\n");
        CommandRun unacked = CommandRun.of("consumer", "next", "-s", s, "ORDERS", "C1", "--no-ack", "--count", "2",
                "--raw");
        assertThat(unacked.out()).as("order 2 again at once after the NAK").isEqualTo("order 2\norder 3\n");

        CommandRun info = CommandRun.of("consumer", "info", "-s", s, "ORDERS", "C1");
        assertThat(info.out()).contains("Outstanding Acks: 2 out of maximum 1,000\n").contains("Unprocessed Messages: 0\n")
                .contains("Acknowledgment Floor: Consumer sequence: 1 Stream sequence: 1 Last Ack: ")
                .contains("Redelivered Messages: 1\n")
                .containsPattern("Last Delivered Message: Consumer sequence: 4 Stream sequence: 3 Last delivery: .+ ago");
        JsonNode json = JSON.readTree(CommandRun.of("consumer", "info", "-s", s, "ORDERS", "C1", "--json").out());
        assertThat(json.get("name").asText()).isEqualTo("C1");
        assertThat(json.get("num_ack_pending").asLong()).isEqualTo(2);
        assertThat(json.get("delivered").get("consumer_seq").asLong()).isEqualTo(4);
        assertThat(json.has("type")).as("the info, not the response envelope").isFalse();

        CommandRun ls = CommandRun.of("consumer", "ls", "-s", s, "ORDERS");
        assertThat(ls.out()).contains("Consumers").contains("│ Name ").contains("│ Ack Pending │")
                .containsPattern("│ C1 +│ new orders +│ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d │ 2 +│ 0 +│");
        assertThat(CommandRun.of("consumer", "ls", "-s", s, "ORDERS", "-n").out()).isEqualTo("C1\n");
        assertThat(CommandRun.of("consumer", "ls", "-s", s, "ORDERS", "--json").out()).isEqualTo("[\n  \"C1\"\n]\n");

        CommandRun declined = CommandRun.withInput("n\n", "consumer", "rm", "-s", s, "ORDERS", "C1");
        assertThat(declined.exitCode()).isZero();
        assertThat(declined.err()).contains("Really delete Consumer ORDERS > C1");
        assertThat(CommandRun.of("consumer", "ls", "-s", s, "ORDERS", "-n").out()).isEqualTo("C1\n");
        assertThat(CommandRun.of("consumer", "rm", "-s", s, "ORDERS", "C1", "-f").exitCode()).isZero();
        assertThat(CommandRun.of("consumer", "ls", "-s", s, "ORDERS").out()).isEqualTo("No Consumers defined\n");
        try (Connection nc = Nats.connect(s)) {
            assertThat(nc.jetStreamManagement().getConsumerNames("ORDERS")).isEmpty();
        }
    }

    @Test
    void aPushConsumerIsReadBySubWithAcksWhenItsPolicyAsksForThem(Wirehub server) throws Exception {
        String s = server.clientUrl();
        ordersWithThreeMessages(s);
        CommandRun add = CommandRun.of("consumer", "add", "-s", s, "ORDERS", "P1", "--target", "deliver.p1",
                "--ack", "explicit", "--deliver", "2", "--defaults");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Delivery Subject: deliver.p1\n").contains("Deliver Policy: From Sequence 2\n")
                .contains("Flow Control: false\n").contains("Active Interest: No interest\n")
                .doesNotContain("Pull Mode");

        CompletableFuture<CommandRun> sub = CommandRun.inBackground("consumer", "sub", "-s", s, "ORDERS", "P1",
                "--count", "2");
        CommandRun read = sub.get(20, TimeUnit.SECONDS);
        assertThat(read.exitCode()).as(read.err()).isZero();
        assertThat(read.out()).startsWith("Subscribing to topic deliver.p1 auto acknowledgment: true\n\n"
                + "Consumer Info:\n  Ack Policy: Explicit\n    Ack Wait: 30s\n\n")
                .containsPattern("subj: ORDERS.new / tries: 1 / cons seq: 1 / str seq: 2 / pending: 1\norder 2\n\n")
                .contains("str seq: 3 / pending: 0\norder 3\n\n");
        try (Connection nc = Nats.connect(s)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            io.wirehub.testkit.Await.until(java.time.Duration.ofSeconds(5), () -> ackFloor(jsm, "P1") == 3,
                    "the sub acknowledged both");
        }
    }

    @Test
    void aConsumerIsMadeFromAJsonConfigFile(Wirehub server, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String s = server.clientUrl();
        ordersWithThreeMessages(s);
        java.nio.file.Path file = dir.resolve("c.json");
        java.nio.file.Files.writeString(file, "{\"durable_name\":\"FROMFILE\",\"ack_policy\":\"all\","
                + "\"deliver_policy\":\"last\",\"filter_subject\":\"ORDERS.new\",\"max_ack_pending\":7}");
        CommandRun add = CommandRun.of("consumer", "add", "-s", s, "ORDERS", "RENAMED", "--config", file.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Information for Consumer ORDERS > RENAMED").contains("Ack Policy: All\n")
                .contains("Deliver Policy: Last\n").contains("Max Ack Pending: 7\n")
                .contains("Unprocessed Messages: 1\n");
        CommandRun bad = CommandRun.of("consumer", "add", "-s", s, "ORDERS", "X", "--config", dir.resolve("none.json")
                .toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).startsWith("wirehub: invalid input: cannot read ");
    }

    @Test
    void failuresAreOneLineWithTheServersCode(Wirehub server) throws Exception {
        String s = server.clientUrl();
        ordersWithThreeMessages(s);
        CommandRun missing = CommandRun.of("consumer", "info", "-s", s, "ORDERS", "nothere");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("wirehub: consumer not found (10014)\n");
        CommandRun noStream = CommandRun.of("consumer", "ls", "-s", s, "NOPE");
        assertThat(noStream.err()).isEqualTo("wirehub: stream not found (10059)\n");
        CommandRun badName = CommandRun.of("consumer", "add", "-s", s, "ORDERS", "a.b", "--pull");
        assertThat(badName.err()).isEqualTo("wirehub: durable name can not contain '.', '*', '>'\n");
        CommandRun heartbeatOnPull = CommandRun.of("consumer", "add", "-s", s, "ORDERS", "X", "--pull",
                "--heartbeat", "5s");
        assertThat(heartbeatOnPull.err()).isEqualTo("wirehub: pull subscribers does not support idle heartbeats\n");
        CommandRun empty = CommandRun.of("consumer", "add", "-s", s, "ORDERS", "EMPTY", "--pull", "--deliver", "new",
                "--defaults");
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        CommandRun noMessage = CommandRun.of("consumer", "next", "-s", s, "ORDERS", "EMPTY", "--timeout", "1s");
        assertThat(noMessage.exitCode()).isEqualTo(1);
        assertThat(noMessage.err()).startsWith("wirehub: no message received");
        CommandRun noConsumer = CommandRun.of("consumer", "next", "-s", s, "ORDERS", "GHOST", "--timeout", "1s");
        assertThat(noConsumer.err()).as("the timeout explained").isEqualTo("wirehub: consumer not found (10014)\n");
        assertThat(CommandRun.of("consumer", "add", "-s", s, "ORDERS", "PUSHED", "--target", "push.here").exitCode())
                .isZero();
        CommandRun notPull = CommandRun.of("consumer", "next", "-s", s, "ORDERS", "PUSHED", "--timeout", "1s");
        assertThat(notPull.exitCode()).isEqualTo(1);
        assertThat(notPull.err()).isEqualTo("wirehub: consumer \"PUSHED\" is not a Pull consumer\n");
    }

    private static long ackFloor(JetStreamManagement jsm, String consumer) {
        try {
            return jsm.getConsumerInfo("ORDERS", consumer).getAckFloor().getStreamSequence();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
