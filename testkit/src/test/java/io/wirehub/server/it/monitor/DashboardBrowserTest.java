package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Opens the dashboard in headless Chromium, sends known traffic, and checks the page shows it:
 * the charts' data, the counters, the busiest subjects and connections. Saves a screenshot
 * (target/dashboard.png; also to the path in -Dwirehub.dashboard.screenshot, which is how
 * docs/dashboard.png is made, with -Dwirehub.dashboard.points=40 for 40 seconds of history).
 */
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The traffic stops by itself after this long, whatever the test does. */
    private static final Duration TRAFFIC_LIMIT = Duration.ofSeconds(60);
    private static final String SUBJECT = "orders.created";

    private static WebDriver chromium(Path profile) {
        return io.wirehub.server.it.HeadlessChromium.start(profile);
    }

    @Test
    void chartsAndTablesShowTheTrafficSent() throws Exception {
        Path profile = Files.createTempDirectory("wirehub-chromium-");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong published = new AtomicLong();
        try (Wirehub server = MonitoredServer.start();
             Connection subscriber = MonitoredServer.connect(server, "dashboard-subscriber");
             Connection publisher = MonitoredServer.connect(server, "dashboard-publisher");
             Connection responder = MonitoredServer.connect(server, "dashboard-responder")) {
            subscriber.createDispatcher(msg -> { }).subscribe(SUBJECT);
            subscriber.createDispatcher(msg -> { }).subscribe("orders.>");
            Dispatcher echo = responder.createDispatcher(msg -> responder.publish(msg.getReplyTo(), msg.getData()));
            echo.subscribe("prices.quote");
            subscriber.flush(WAIT);
            responder.flush(WAIT);
            Thread traffic = Thread.ofPlatform().name("dashboard-traffic").start(
                    () -> sendTraffic(publisher, stop, published));
            WebDriver browser = chromium(profile);
            try {
                browser.get(server.monitoringUrl() + "/");
                JavascriptExecutor js = (JavascriptExecutor) browser;
                Await.until(WAIT, () -> "live".equals(browser.findElement(By.id("status")).getText()),
                        "the dashboard to reach /dashboardz");

                Await.until(WAIT, () -> number(js, "return Math.max(0, ...window.wirehubDashboard.charts.messages"
                        + ".data.datasets[0].data)") > 100, "the messages-in chart to show the publishing rate");
                Await.until(WAIT, () -> number(js, "return Math.max(0, ...window.wirehubDashboard.charts.messages"
                        + ".data.datasets[1].data)") > 100, "the messages-out chart to show the deliveries");
                Await.until(WAIT, () -> number(js, "return Math.max(0, ...window.wirehubDashboard.charts.bytes"
                        + ".data.datasets[0].data)") > 1000, "the bytes-in chart to show the payloads");
                Await.until(WAIT, () -> number(js, "return Math.max(0, ...window.wirehubDashboard.charts.latency"
                        + ".data.datasets[0].data.filter(v => v !== null))") > 0,
                        "the latency chart to show request-reply times");
                Await.until(WAIT, () -> number(js, "return window.wirehubDashboard.charts.connections"
                        + ".data.datasets[0].data.at(-1)") >= 3, "the connections chart to show three clients");

                Await.until(WAIT, () -> browser.findElement(By.id("subjects-table")).getText().contains(SUBJECT),
                        "the busiest subjects to list " + SUBJECT);
                Await.until(WAIT, () -> browser.findElement(By.id("connections-table")).getText()
                        .contains("dashboard-publisher"), "the busiest connections to list the publisher");
                Await.until(WAIT, () -> browser.findElement(By.id("latency-table")).getText()
                        .contains("Request-reply"), "the latency table to list request-reply");
                assertThat(browser.findElement(By.id("stat-connections")).getText()).isEqualTo("3");
                assertThat(browser.findElement(By.id("stat-in-msgs-rate")).getText()).isNotIn("–", "0");

                @SuppressWarnings("unchecked")
                List<String> loaded = (List<String>) js.executeScript(
                        "return performance.getEntriesByType('resource').map(e => e.name)");
                assertThat(loaded).as("everything comes from the monitoring port: no CDN")
                        .isNotEmpty().allMatch(url -> url.startsWith(server.monitoringUrl()));
                // For the docs picture, let the charts fill with more seconds of history first.
                int points = Integer.getInteger("wirehub.dashboard.points", 0);
                Await.until(TRAFFIC_LIMIT, () -> number(js, "return window.wirehubDashboard.charts.messages"
                        + ".data.labels.length") >= points, points + " seconds of history on the charts");
                byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
                saveScreenshot(png);
            } finally {
                browser.quit();
                stop.set(true);
                traffic.join(Duration.ofSeconds(10));
            }
            assertThat(published.get()).isPositive();
        } finally {
            deleteQuietly(profile);
        }
    }

    /** Publishes and requests at a steady pace until told to stop or the time limit passes. */
    private static void sendTraffic(Connection publisher, AtomicBoolean stop, AtomicLong published) {
        long deadline = System.nanoTime() + TRAFFIC_LIMIT.toNanos();
        byte[] payload = new byte[256];
        int round = 0;
        try {
            while (!stop.get() && System.nanoTime() < deadline) {
                for (int i = 0; i < 50; i++) {
                    publisher.publish(SUBJECT, payload);
                    publisher.publish("orders.shipped", payload);
                }
                published.addAndGet(100);
                if (round++ % 5 == 0) {
                    publisher.request("prices.quote", payload, Duration.ofSeconds(2));
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double number(JavascriptExecutor js, String script) {
        Object value = js.executeScript(script);
        return value instanceof Number n ? n.doubleValue() : -1;
    }

    private static void saveScreenshot(byte[] png) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard.png"), png);
        String copy = System.getProperty("wirehub.dashboard.screenshot");
        if (copy != null && !copy.isBlank()) {
            Files.write(Path.of(copy), png);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (Exception e) {
            // A temp profile left behind is harmless.
        }
    }
}
