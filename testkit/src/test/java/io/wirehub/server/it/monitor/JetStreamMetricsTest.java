package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /metrics per stream and per consumer: the figures of consumer info, one series per consumer. */
class JetStreamMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String consumer(String metric, String consumer) {
        return metric + "{account=\"$G\",consumer=\"" + consumer + "\",stream=\"ORDERS\"}";
    }

    private static PrometheusText scrape(Wirehub server) {
        return new PrometheusText(HttpGet.get(server.monitoringUrl() + "/metrics").body());
    }

    private static List<Message> fetch(JetStreamSubscription sub, int count) {
        List<Message> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            got.addAll(sub.fetch(count - got.size(), Duration.ofMillis(500)));
        }
        assertThat(got).hasSize(count);
        return got;
    }

    @Test
    void consumersPendingAckPendingRedeliveredAndWaitingAreExported() throws Exception {
        Path dir = Files.createTempDirectory("js-metrics-");
        try (Wirehub server = Wirehub.start(MonitoredServer.config()
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(dir)).build());
             Connection nc = Nats.connect(server.clientUrl())) {
            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("ORDERS.*")
                    .build());
            JetStream js = nc.jetStream();
            for (int i = 0; i < 5; i++) {
                js.publish("ORDERS.new", "0123456789".getBytes(StandardCharsets.UTF_8));
            }
            for (String name : List.of("C1", "C2")) {
                nc.jetStreamManagement().addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable(name)
                        .ackPolicy(AckPolicy.Explicit).build());
            }
            nc.jetStreamManagement().addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("IDLE")
                    .deliverPolicy(DeliverPolicy.New).ackPolicy(AckPolicy.Explicit).build());

            // C1: three delivered, one acknowledged: two pending acks, two never delivered.
            JetStreamSubscription c1 = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "C1"));
            List<Message> three = fetch(c1, 3);
            three.get(0).ackSync(WAIT);
            // C2: one message refused (NAK) and delivered again, still unacknowledged: one redelivered.
            JetStreamSubscription c2 = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "C2"));
            fetch(c2, 1).get(0).nak();
            Message again = fetch(c2, 1).get(0);
            assertThat(again.metaData().deliveredCount()).isEqualTo(2);
            // IDLE: nothing new to deliver, so a long pull request waits (its reply subject has interest).
            String inbox = nc.createInbox();
            nc.subscribe(inbox);
            nc.publish("$JS.API.CONSUMER.MSG.NEXT.ORDERS.IDLE", inbox,
                    "{\"batch\":1,\"expires\":30000000000}".getBytes(StandardCharsets.UTF_8));
            nc.flush(WAIT);

            PrometheusText metrics = Await.value(WAIT, () -> scrape(server),
                    m -> m.value(consumer("wirehub_jetstream_consumer_waiting_requests", "IDLE")) == 1,
                    "IDLE's pull request counted");
            assertThat(metrics.value(consumer("wirehub_jetstream_consumer_pending_messages", "C1"))).isEqualTo(2);
            assertThat(metrics.value(consumer("wirehub_jetstream_consumer_ack_pending_messages", "C1"))).isEqualTo(2);
            assertThat(metrics.value(consumer("wirehub_jetstream_consumer_redelivered_messages", "C1"))).isZero();
            assertThat(metrics.value(consumer("wirehub_jetstream_consumer_redelivered_messages", "C2"))).isEqualTo(1);
            assertThat(metrics.value(consumer("wirehub_jetstream_consumer_pending_messages", "C2"))).isEqualTo(4);
            assertThat(metrics.value(consumer("wirehub_jetstream_consumer_pending_messages", "IDLE"))).isZero();
            assertThat(metrics.value(consumer("wirehub_jetstream_consumer_waiting_requests", "C1"))).isZero();
            assertThat(metrics.value("wirehub_jetstream_stream_messages{account=\"$G\",stream=\"ORDERS\"}"))
                    .isEqualTo(5);
            assertThat(metrics.value("wirehub_jetstream_stream_bytes{account=\"$G\",stream=\"ORDERS\"}"))
                    .isGreaterThan(5 * 10);

            // The numbers are the consumer info's, not a second count that could drift from it.
            var info = nc.jetStreamManagement().getConsumerInfo("ORDERS", "C1");
            assertThat(info.getNumAckPending()).isEqualTo(2);
            assertThat(info.getNumPending()).isEqualTo(2);

            Path promtool = TestTools.require("promtool", "/usr/bin/promtool", "/usr/local/bin/promtool");
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                    .start();
            try (var in = check.getOutputStream()) {
                in.write(metrics.text().getBytes(StandardCharsets.UTF_8));
            }
            String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as("promtool check metrics said:%n%s", report).isZero();
        }
    }
}
