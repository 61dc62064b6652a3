package io.wirehub.server.it.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.it.HeadlessChromium;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.TestTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A page in headless Chromium that uses npm nats.ws over the browser's own WebSocket (masked
 * frames, permessage-deflate offered and, with compression on, used) to publish, subscribe and
 * make a request answered by a jnats client over TCP.
 */
class WebSocketBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Serves the page and nats.ws's ESM bundle from loopback (module scripts cannot load from file:). */
    private static HttpServer pageServer(Path nodeDir) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.createContext("/", exchange -> {
            Path file = switch (exchange.getRequestURI().getPath()) {
                case "/", "/index.html" -> nodeDir.resolve("browser-page.html");
                case "/nats.js" -> nodeDir.resolve("node_modules/nats.ws/esm/nats.js");
                default -> null;
            };
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type",
                    file.toString().endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    @Test
    void pageInChromiumPublishesSubscribesAndRequestsThroughWirehub() throws Exception {
        Path nodeDir = Path.of("src/test/node").toAbsolutePath();
        if (!Files.isRegularFile(nodeDir.resolve("node_modules/nats.ws/esm/nats.js"))) {
            String message = "npm nats.ws is not installed in " + nodeDir + " (./run-tests installs it)";
            if (TestTools.required()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        Path profile = Files.createTempDirectory("wirehub-chromium-ws-");
        HttpServer http = pageServer(nodeDir);
        WebDriver browser = null;
        // Compression on, and the page's origin allowed: what a deployment serving a web app looks like.
        String origin = "http://127.0.0.1:" + http.getAddress().getPort();
        try (Wirehub server = WebSocketServers.start(
                ws -> ws.withCompression(true).withOrigins(false, java.util.List.of(origin)), b -> b);
             Connection tcp = Nats.connect(server.clientUrl())) {
            Subscription fromBrowser = tcp.subscribe("browser.out");
            Dispatcher responder = tcp.createDispatcher(m -> tcp.publish(m.getReplyTo(), new byte[20 * 1024]));
            responder.subscribe("browser.big");
            tcp.flush(WAIT);

            browser = HeadlessChromium.start(profile);
            browser.get(origin + "/?ws=" + server.webSocketUrl());
            WebDriver page = browser;
            Await.until(WAIT, () -> !page.getTitle().equals("starting"), "the page finished");
            assertThat(page.getTitle()).isEqualTo("done");
            assertThat(page.findElement(By.id("echo")).getText()).isEqualTo("hello from chromium");
            assertThat(page.findElement(By.id("big")).getText()).isEqualTo(Integer.toString(20 * 1024));
            Message m = fromBrowser.nextMessage(WAIT);
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("browser says hi");
        } finally {
            if (browser != null) {
                browser.quit();
            }
            http.stop(0);
        }
    }
}
