package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.AuthConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.HttpGet.Answer;
import io.wirehub.testkit.internal.TestTools;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * /metrics: Prometheus text that promtool accepts, and counters and histograms that move by
 * exactly the traffic sent.
 */
class MetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static PrometheusText scrape(Wirehub server) {
        Answer answer = HttpGet.get(server.monitoringUrl() + "/metrics");
        assertThat(answer.status()).isEqualTo(200);
        return new PrometheusText(answer.body());
    }

    private static PrometheusText scrapeUntil(Wirehub server, String series, double atLeast) {
        return Await.value(WAIT, () -> scrape(server), m -> m.value(series) >= atLeast,
                series + " >= " + atLeast);
    }

    @Test
    void countersAndHistogramsFollowTheTraffic() throws Exception {
        try (Wirehub server = MonitoredServer.start();
             Connection subscriber = MonitoredServer.connect(server, "subscriber");
             Connection publisher = MonitoredServer.connect(server, "publisher")) {
            // The server's own subscriptions (the system account's requests and the system imports each
            // account gets, as in nats-server) are counted too: only the clients' are added here.
            double own = scrape(server).value("wirehub_subscriptions");
            Subscription sub = subscriber.subscribe("metrics.traffic");
            subscriber.flush(WAIT);
            byte[] payload = "0123456789".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 20; i++) {
                publisher.publish("metrics.traffic", payload);
            }
            publisher.flush(WAIT);
            for (int i = 0; i < 20; i++) {
                assertThat(sub.nextMessage(WAIT)).isNotNull();
            }
            PrometheusText m = scrapeUntil(server, "wirehub_sent_messages_total{transport=\"nats\"}", 20);
            assertThat(m.value("wirehub_sent_messages_total{transport=\"nats\"}")).isEqualTo(20);
            assertThat(m.value("wirehub_received_messages_total{transport=\"nats\"}")).isEqualTo(20);
            assertThat(m.value("wirehub_received_bytes_total{transport=\"nats\"}")).isEqualTo(200);
            assertThat(m.value("wirehub_sent_bytes_total{transport=\"nats\"}")).isEqualTo(200);
            assertThat(m.value("wirehub_connections")).isEqualTo(2);
            assertThat(m.value("wirehub_connections_accepted_total")).isEqualTo(2);
            assertThat(m.value("wirehub_subscriptions")).isEqualTo(own + 1);
            assertThat(m.value("wirehub_connection_setup_seconds_count")).isEqualTo(2);
            assertThat(m.value("wirehub_connection_setup_seconds_bucket{le=\"+Inf\"}")).isEqualTo(2);
            assertThat(m.value("wirehub_connection_setup_seconds_sum")).isGreaterThan(0);
            assertThat(m.has("wirehub_build_info{java_version=\"" + Runtime.version() + "\",protocol_version=\"2.10.29\""
                    + ",version=\"" + io.wirehub.server.Version.wirehub() + "\"}")).as(m.text()).isTrue();
            assertThat(m.has("jvm_memory_used_bytes{area=\"heap\"}")).as("JVM metrics beside Wirehub's").isTrue();
        }
    }

    @Test
    void requestReplyLatencyIsTimedFromRequestToFirstReply() throws Exception {
        try (Wirehub server = MonitoredServer.start();
             Connection responder = MonitoredServer.connect(server, "responder");
             Connection requester = MonitoredServer.connect(server, "requester")) {
            Dispatcher dispatcher = responder.createDispatcher(msg -> responder.publish(msg.getReplyTo(), msg.getData()));
            dispatcher.subscribe("echo");
            responder.flush(WAIT);
            for (int i = 0; i < 5; i++) {
                Message reply = requester.request("echo", new byte[] {(byte) i}, WAIT);
                assertThat(reply.getData()).containsExactly((byte) i);
            }
            PrometheusText m = scrapeUntil(server, "wirehub_request_reply_seconds_count", 5);
            assertThat(m.value("wirehub_request_reply_seconds_count")).isEqualTo(5);
            assertThat(m.value("wirehub_request_reply_seconds_sum")).isGreaterThan(0).isLessThan(5 * 10.0);
            // A publish with a reply subject nobody answers is not a request-reply figure.
            requester.publish("nobody.listens", "inbox.never", new byte[0]);
            requester.flush(WAIT);
            assertThat(scrape(server).value("wirehub_request_reply_seconds_count")).isEqualTo(5);
        }
    }

    @Test
    void serverPingsMeasureRoundTrips() throws Exception {
        try (Wirehub server = MonitoredServer.start();
             Connection nc = MonitoredServer.connect(server, "pinged")) {
            // The first PING goes out about two seconds after CONNECT; jnats answers it.
            PrometheusText m = scrapeUntil(server, "wirehub_client_rtt_seconds_count", 1);
            assertThat(m.value("wirehub_client_rtt_seconds_sum")).isGreaterThan(0).isLessThan(1);
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void closesAreCountedByReasonAndAuthFailuresCounted() throws Exception {
        try (Wirehub server = Wirehub.start(MonitoredServer.config()
                .authorization(AuthConfig.NONE.withToken("s3cret")).build())) {
            Nats.connect(new Options.Builder().server(server.clientUrl()).token("s3cret".toCharArray()).build())
                    .close();
            try {
                Nats.connect(new Options.Builder().server(server.clientUrl()).token("wrong".toCharArray())
                        .connectionTimeout(Duration.ofSeconds(2)).maxReconnects(0).build()).close();
            } catch (Exception expected) {
                // Authorization Violation: what this test counts.
            }
            PrometheusText m = scrapeUntil(server, "wirehub_auth_failures_total", 1);
            assertThat(m.value("wirehub_connection_closes_total{reason=\"client_closed\"}")).isEqualTo(1);
            assertThat(m.value("wirehub_connection_closes_total{reason=\"authentication_violation\"}")).isEqualTo(1);
            assertThat(m.value("wirehub_auth_failures_total")).isEqualTo(1);
        }
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Path promtool = TestTools.require("promtool", "/usr/bin/promtool", "/usr/local/bin/promtool");
        try (Wirehub server = MonitoredServer.start();
             Connection nc = MonitoredServer.connect(server, "promtool")) {
            nc.subscribe("lint");
            nc.publish("lint", new byte[3]);
            nc.flush(WAIT);
            String metrics = scrapeUntil(server, "wirehub_received_messages_total{transport=\"nats\"}", 1).text();
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                    .start();
            try (OutputStream in = check.getOutputStream()) {
                in.write(metrics.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream out = check.getInputStream()) {
                out.transferTo(output);
            }
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String report = output.toString(StandardCharsets.UTF_8);
            assertThat(check.exitValue()).as("promtool check metrics said:%n%s", report).isZero();
            assertThat(report).as("no lint findings").isBlank();
        }
    }

    @Test
    void openMetricsIsServedWhenAskedFor() throws Exception {
        try (Wirehub server = MonitoredServer.start()) {
            Answer text = HttpGet.get(server.monitoringUrl() + "/metrics");
            assertThat(text.contentType()).startsWith("text/plain; version=0.0.4");
            Answer open = HttpGet.get(server.monitoringUrl() + "/metrics",
                    "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(open.contentType()).startsWith("application/openmetrics-text");
            assertThat(open.body()).endsWith("# EOF\n");
        }
    }
}
