package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The dashboard's JetStream consumers: each with its lag, most lagging first, in /dashboardz and on the page. */
class DashboardConsumersTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void consumersAreListedWithTheirLagMostLaggingFirst() throws Exception {
        Path dir = Files.createTempDirectory("js-dashboard-");
        Path profile = Files.createTempDirectory("wirehub-chromium-");
        try (Wirehub server = Wirehub.start(MonitoredServer.config()
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(dir)).build());
             Connection nc = Nats.connect(server.clientUrl())) {
            JsonNode before = HttpGet.get(server.monitoringUrl() + "/dashboardz").json();
            assertThat(before.get("consumers")).as("no consumers yet").isEmpty();

            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("ORDERS.*")
                    .build());
            for (int i = 0; i < 4; i++) {
                nc.jetStream().publish("ORDERS.new", new byte[10]);
            }
            nc.jetStreamManagement().addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("BEHIND")
                    .ackPolicy(AckPolicy.Explicit).build());
            nc.jetStreamManagement().addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("CURRENT")
                    .deliverPolicy(io.nats.client.api.DeliverPolicy.New).deliverSubject("nobody.listens")
                    .ackPolicy(AckPolicy.None).build());

            JsonNode consumers = HttpGet.get(server.monitoringUrl() + "/dashboardz").json().get("consumers");
            assertThat(consumers).hasSize(2);
            assertThat(consumers.get(0).get("consumer").asText()).isEqualTo("BEHIND");
            assertThat(consumers.get(0).get("lag").asLong()).isEqualTo(4);
            assertThat(consumers.get(0).get("mode").asText()).isEqualTo("pull");
            assertThat(consumers.get(0).get("stream").asText()).isEqualTo("ORDERS");
            assertThat(consumers.get(1).get("consumer").asText()).isEqualTo("CURRENT");
            assertThat(consumers.get(1).get("lag").asLong()).isZero();
            assertThat(consumers.get(1).get("mode").asText()).isEqualTo("push");

            WebDriver browser = io.wirehub.server.it.HeadlessChromium.start(profile);
            try {
                browser.get(server.monitoringUrl() + "/");
                Await.until(WAIT, () -> browser.findElement(By.id("consumers-panel")).isDisplayed(),
                        "the consumers panel to appear");
                String table = browser.findElement(By.id("consumers-table")).getText();
                assertThat(table).containsPattern("ORDERS BEHIND pull 4 0 0 0")
                        .containsPattern("ORDERS CURRENT push 0 0 0 –");
                assertThat(table.indexOf("BEHIND")).as("most lagging first").isLessThan(table.indexOf("CURRENT"));
            } finally {
                browser.quit();
            }
        }
    }
}
