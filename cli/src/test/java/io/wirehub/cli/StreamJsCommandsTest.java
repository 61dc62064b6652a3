package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.WirehubTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code wirehub stream add|ls|info|rm|purge|view}: JetStream streams, checked through jnats. */
@WirehubTest(jetstream = true)
class StreamJsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStreamIsAddedShownFilledViewedPurgedAndRemoved(Wirehub server) throws Exception {
        String s = server.clientUrl();
        CommandRun add = CommandRun.of("stream", "add", "-s", s, "ORDERS", "--subjects", "ORDERS.*,SHIP.*",
                "--storage", "memory", "--max-msgs", "100", "--max-bytes", "1M", "--max-age",
                "1h", "--description", "orders", "--defaults");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("Stream ORDERS was created\n\nInformation for Stream ORDERS created ")
                .contains("\n                  Description: orders\n")
                .contains("Subjects: ORDERS.*, SHIP.*\n").contains("Storage: Memory\n")
                .contains("\nOptions:\n\n").contains("Retention: Limits\n").contains("Discard Policy: Old\n")
                .contains("Duplicate Window: 2m0s\n").contains("\nLimits:\n\n").contains("Maximum Messages: 100\n")
                .contains("Maximum Bytes: 1.0 MiB\n").contains("Maximum Age: 1h0m0s\n")
                .contains("Maximum Message Size: unlimited\n")
                .contains("\nState:\n\n").contains("Messages: 0\n").contains("Active Consumers: 0\n");
        try (Connection nc = Nats.connect(s)) {
            StreamConfiguration seen = nc.jetStreamManagement().getStreamInfo("ORDERS").getConfiguration();
            assertThat(seen.getStorageType()).isEqualTo(StorageType.Memory);
            assertThat(seen.getMaxBytes()).isEqualTo(1024 * 1024);
            assertThat(seen.getMaxAge()).isEqualTo(Duration.ofHours(1));
            Headers h = new Headers().add("X-Kind", "test");
            nc.jetStream().publish(NatsMessage.builder().subject("ORDERS.new").headers(h).data("first").build());
            nc.jetStream().publish("SHIP.new", "second".getBytes());
            nc.jetStream().publish("ORDERS.new", "third".getBytes());
        }

        CommandRun info = CommandRun.of("stream", "info", "-s", s, "ORDERS");
        assertThat(info.out()).contains("Messages: 3\n").containsPattern("First Sequence: 1 @ \\d{4}-")
                .containsPattern("Last Sequence: 3 @ ");
        JsonNode json = JSON.readTree(CommandRun.of("stream", "info", "-s", s, "ORDERS", "--json").out());
        assertThat(json.get("config").get("name").asText()).isEqualTo("ORDERS");
        assertThat(json.get("state").get("messages").asLong()).isEqualTo(3);
        assertThat(json.has("type")).isFalse();

        CommandRun view = CommandRun.of("stream", "view", "-s", s, "ORDERS");
        assertThat(view.exitCode()).as(view.err()).isZero();
        assertThat(view.out()).matches("(?s)\\[1\\] Subject: ORDERS.new Received: [-0-9: ]+\n\n  X-Kind: test\n"
                + "first\n\n\n\\[2\\] Subject: SHIP.new Received: [-0-9: ]+\nsecond\n\n\n"
                + "\\[3\\] Subject: ORDERS.new Received: [-0-9: ]+\nthird\n\n\n");
        assertThat(view.err()).contains("Reached apparent end of data");
        assertThat(CommandRun.of("stream", "view", "-s", s, "ORDERS", "--subject", "ORDERS.*", "--raw").out())
                .isEqualTo("first\nthird\n");
        assertThat(CommandRun.of("stream", "view", "-s", s, "ORDERS", "--id", "2", "--raw").out())
                .isEqualTo("second\nthird\n");

        CommandRun ls = CommandRun.of("stream", "ls", "-s", s);
        assertThat(ls.out()).contains("Streams").contains("│ Name ").contains("│ Last Message │")
                .containsPattern("│ ORDERS │ orders +│ [-0-9: ]+ │ 3 +│ \\d+ B │");
        assertThat(CommandRun.of("stream", "ls", "-s", s, "-n").out()).isEqualTo("ORDERS\n");
        assertThat(CommandRun.of("stream", "ls", "-s", s, "--json").out()).isEqualTo("[\n  \"ORDERS\"\n]\n");

        CommandRun purge = CommandRun.of("stream", "purge", "-s", s, "ORDERS", "--subject", "SHIP.new", "-f");
        assertThat(purge.out()).startsWith("Purged 1 messages from ORDERS\n\nState for Stream ORDERS created ")
                .contains("Messages: 2\n").doesNotContain("Options:");
        assertThat(CommandRun.withInput("n\n", "stream", "purge", "-s", s, "ORDERS").out()).isEmpty();
        assertThat(CommandRun.of("stream", "purge", "-s", s, "ORDERS", "-f").out())
                .startsWith("Purged 2 messages from ORDERS\n");
        assertThat(CommandRun.of("stream", "view", "-s", s, "ORDERS").err()).contains("Reached apparent end of data");

        CommandRun declined = CommandRun.withInput("n\n", "stream", "rm", "-s", s, "ORDERS");
        assertThat(declined.err()).contains("Really delete Stream ORDERS");
        assertThat(CommandRun.of("stream", "ls", "-s", s, "-n").out()).isEqualTo("ORDERS\n");
        assertThat(CommandRun.of("stream", "rm", "-s", s, "ORDERS", "-f").exitCode()).isZero();
        assertThat(CommandRun.of("stream", "ls", "-s", s).out()).isEqualTo("No Streams defined\n");
    }

    @Test
    void policiesAndFailures(Wirehub server) throws Exception {
        String s = server.clientUrl();
        CommandRun missing = CommandRun.of("stream", "info", "-s", s, "NOPE");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("wirehub: stream not found (10059)\n");
        assertThat(CommandRun.of("stream", "add", "-s", s, "A", "--subjects", "a.>").exitCode()).isZero();
        CommandRun overlap = CommandRun.of("stream", "add", "-s", s, "B", "--subjects", "a.b");
        assertThat(overlap.exitCode()).isEqualTo(1);
        assertThat(overlap.err()).isEqualTo("wirehub: subjects overlap with an existing stream (10065)\n");
        CommandRun work = CommandRun.of("stream", "add", "-s", s, "W", "--subjects", "w.*", "--retention", "work",
                "--discard", "new", "--dupe-window", "10s");
        assertThat(work.out()).contains("Retention: WorkQueue\n").contains("Discard Policy: New\n")
                .contains("Duplicate Window: 10.00s\n");
        try (Connection nc = Nats.connect(s)) {
            assertThat(nc.jetStreamManagement().getStreamInfo("W").getConfiguration().getRetentionPolicy())
                    .isEqualTo(RetentionPolicy.WorkQueue);
        }
        CommandRun badRetention = CommandRun.of("stream", "add", "-s", s, "C", "--retention", "forever");
        assertThat(badRetention.err()).isEqualTo("wirehub: invalid retention policy forever\n");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("stream", ".json");
        java.nio.file.Files.writeString(file, "{\"name\":\"IGNORED\",\"subjects\":[\"file.*\"],\"storage\":\"memory\","
                + "\"max_msgs_per_subject\":3,\"retention\":\"limits\",\"discard\":\"old\"}");
        CommandRun fromFile = CommandRun.of("stream", "add", "-s", s, "F", "--config", file.toString());
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).startsWith("Stream F was created\n").contains("Subjects: file.*\n")
                .contains("Storage: Memory\n").contains("Maximum Per Subject: 3\n");
        java.nio.file.Files.delete(file);
        assertThat(CommandRun.of("stream", "rm", "-s", s, "F", "-f").exitCode()).isZero();
        // The server is the class's: leave no stream for the other test's listing.
        assertThat(CommandRun.of("stream", "rm", "-s", s, "A", "-f").exitCode()).isZero();
        assertThat(CommandRun.of("stream", "rm", "-s", s, "W", "-f").exitCode()).isZero();
    }
}
