package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /jsz side by side: nats-server 2.9.10 and Wirehub get the same stream, a pull consumer read in
 * part and a push consumer nobody listens to; their /jsz with accounts, streams and consumer
 * details must have the same fields and the same figures (times, ids and paths aside).
 */
class JszConsumersDifferentialTest {
    /** Fields nats-server 2.10 added to these objects; 2.9.10 does not send them. */
    private static final Set<String> ADDED_IN_2_10 = Set.of("reserved_memory", "reserved_storage", "ts", "total");

    private static NatsServerProcess nats;
    private static Wirehub wirehub;

    @BeforeAll
    static void start() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        nats = NatsServerProcess.start(null, true, List.of("-js", "-sd",
                Files.createTempDirectory("jsz-nats-").toString()));
        wirehub = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .monitoring(new MonitoringConfig("127.0.0.1", -1))
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("jsz-wh-")))
                .build());
        scenario(nats.url());
        scenario(wirehub.clientUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {wirehub, nats}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Three messages; C1 (pull, explicit) got two and acknowledged one; P1 (push) has no interest. */
    private static void scenario(String url) throws Exception {
        try (Connection nc = Nats.connect(url)) {
            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("ORDERS.*")
                    .build());
            JetStream js = nc.jetStream();
            for (int i = 1; i <= 3; i++) {
                js.publish("ORDERS.new", ("order " + i).getBytes());
            }
            nc.jetStreamManagement().addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("C1")
                    .ackPolicy(AckPolicy.Explicit).build());
            nc.jetStreamManagement().addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("P1")
                    .deliverSubject("nobody.listens").ackPolicy(AckPolicy.Explicit).build());
            JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "C1"));
            List<Message> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (got.size() < 2 && System.nanoTime() < deadline) {
                got.addAll(sub.fetch(2 - got.size(), Duration.ofSeconds(1)));
            }
            assertThat(got).hasSize(2);
            got.get(0).ackSync(Duration.ofSeconds(5));
            sub.unsubscribe();
            nc.flush(Duration.ofSeconds(5));
        }
    }

    private static JsonNode jsz(String monitoringUrl, String query) {
        return HttpGet.get(monitoringUrl + "/jsz" + query).json();
    }

    @Test
    void consumerDetailsHaveNatsServersFieldsAndFigures() {
        String query = "?consumers=true";
        JsonNode theirs = jsz(nats.monitoringUrl(), query);
        JsonNode ours = jsz(wirehub.monitoringUrl(), query);
        assertThat(fields(ours)).as("top level").isEqualTo(fields(theirs));
        for (String figure : List.of("streams", "consumers", "messages", "bytes")) {
            assertThat(ours.get(figure)).as(figure).isEqualTo(theirs.get(figure));
        }
        assertThat(ours.get("total").asInt()).as("2.10's count of accounts").isEqualTo(1);
        JsonNode theirAccount = theirs.get("account_details").get(0);
        JsonNode ourAccount = ours.get("account_details").get(0);
        assertThat(fields(ourAccount)).as("account detail").isEqualTo(fields(theirAccount));
        assertThat(ourAccount.get("name")).isEqualTo(theirAccount.get("name"));
        JsonNode theirStream = theirAccount.get("stream_detail").get(0);
        JsonNode ourStream = ourAccount.get("stream_detail").get(0);
        assertThat(fields(ourStream)).as("stream detail").isEqualTo(fields(theirStream));
        assertThat(fields(ourStream.get("state"))).as("stream state").isEqualTo(fields(theirStream.get("state")));
        assertThat(ourStream.get("state").get("messages")).isEqualTo(theirStream.get("state").get("messages"));
        assertThat(ourStream.get("state").get("consumer_count")).isEqualTo(
                theirStream.get("state").get("consumer_count"));

        JsonNode theirConsumers = theirStream.get("consumer_detail");
        JsonNode ourConsumers = ourStream.get("consumer_detail");
        assertThat(ourConsumers).hasSameSizeAs(theirConsumers).hasSize(2);
        for (int i = 0; i < theirConsumers.size(); i++) {
            JsonNode theirC = byName(theirConsumers, theirConsumers.get(i).get("name").asText());
            JsonNode ourC = byName(ourConsumers, theirC.get("name").asText());
            assertThat(ourC).as("consumer " + theirC.get("name")).isNotNull();
            assertThat(fields(ourC)).as("consumer fields").isEqualTo(fields(theirC));
            assertThat(ourC.has("config")).as("no config unless asked").isFalse();
            for (String figure : List.of("stream_name", "num_ack_pending", "num_redelivered", "num_waiting",
                    "num_pending")) {
                assertThat(ourC.get(figure)).as(theirC.get("name") + " " + figure).isEqualTo(theirC.get(figure));
            }
            for (String seq : List.of("delivered", "ack_floor")) {
                assertThat(ourC.get(seq).get("consumer_seq")).isEqualTo(theirC.get(seq).get("consumer_seq"));
                assertThat(ourC.get(seq).get("stream_seq")).isEqualTo(theirC.get(seq).get("stream_seq"));
            }
        }
    }

    @Test
    void configIsAddedOnlyWhenAskedAndAccountsAloneListNoStreams() {
        JsonNode ours = jsz(wirehub.monitoringUrl(), "?consumers=true&config=true");
        JsonNode theirs = jsz(nats.monitoringUrl(), "?consumers=true&config=true");
        JsonNode ourStream = ours.get("account_details").get(0).get("stream_detail").get(0);
        JsonNode theirStream = theirs.get("account_details").get(0).get("stream_detail").get(0);
        assertThat(ourStream.get("config").get("name").asText()).isEqualTo("ORDERS");
        assertThat(fields(ourStream)).isEqualTo(fields(theirStream));
        JsonNode ourC1 = byName(ourStream.get("consumer_detail"), "C1");
        assertThat(ourC1.get("config").get("durable_name").asText()).isEqualTo("C1");
        assertThat(ourC1.get("config").get("ack_policy")).isEqualTo(
                byName(theirStream.get("consumer_detail"), "C1").get("config").get("ack_policy"));

        JsonNode accountsOnly = jsz(wirehub.monitoringUrl(), "?accounts=true");
        JsonNode theirAccountsOnly = jsz(nats.monitoringUrl(), "?accounts=true");
        assertThat(fields(accountsOnly.get("account_details").get(0)))
                .isEqualTo(fields(theirAccountsOnly.get("account_details").get(0)))
                .doesNotContain("stream_detail");
        String oneAccount = "?acc=%24G&streams=true";
        JsonNode ourOne = jsz(wirehub.monitoringUrl(), oneAccount);
        JsonNode theirOne = jsz(nats.monitoringUrl(), oneAccount);
        assertThat(ourOne.get("account_details")).hasSameSizeAs(theirOne.get("account_details")).hasSize(1);
        assertThat(fields(ourOne.get("account_details").get(0).get("stream_detail").get(0)))
                .isEqualTo(fields(theirOne.get("account_details").get(0).get("stream_detail").get(0)))
                .doesNotContain("consumer_detail");
        JsonNode plain = jsz(wirehub.monitoringUrl(), "");
        assertThat(fields(plain)).isEqualTo(fields(jsz(nats.monitoringUrl(), ""))).doesNotContain("account_details");
        assertThat(plain.get("consumers").asInt()).isEqualTo(2);
    }

    @Test
    void withoutJetStreamItSaysDisabled() throws Exception {
        try (NatsServerProcess plainNats = NatsServerProcess.start(null, true);
             Wirehub plainWirehub = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                     .monitoring(new MonitoringConfig("127.0.0.1", -1)).build())) {
            JsonNode theirs = jsz(plainNats.monitoringUrl(), "?accounts=true&consumers=true");
            JsonNode ours = jsz(plainWirehub.monitoringUrl(), "?accounts=true&consumers=true");
            assertThat(fields(ours)).isEqualTo(fields(theirs)).contains("disabled").doesNotContain("account_details");
            assertThat(ours.get("disabled").asBoolean()).isTrue();
            assertThat(ours.get("config")).isEqualTo(theirs.get("config"));
            assertThat(ours.get("streams")).isEqualTo(theirs.get("streams"));
        }
    }

    private static JsonNode byName(JsonNode consumers, String name) {
        for (JsonNode c : consumers) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        names.removeAll(ADDED_IN_2_10);
        return names;
    }
}
