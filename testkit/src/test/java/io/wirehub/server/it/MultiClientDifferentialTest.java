package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Raw conversations that need more than one connection, each run against Wirehub and, when
 * available, against nats-server; both must answer the same and as stated here.
 */
class MultiClientDifferentialTest {
    private static final String HEADERS_CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,"
            + "\"no_responders\":true,\"protocol\":1}\r\nPING\r\n";

    /** A conversation against one server, returning what it observed. */
    private interface Scenario {
        List<String> run(String host, int port) throws Exception;
    }

    private static List<String> onBoth(String config, Scenario scenario) throws Exception {
        List<String> ours;
        ServerConfig.Builder builder = ServerConfig.builder();
        if (config != null) {
            Path file = Files.createTempFile("wirehub-", ".conf");
            Files.writeString(file, config);
            builder = ConfigFileLoader.load(file).builder();
            Files.delete(file);
        }
        try (Wirehub server = Wirehub.start(builder.host("127.0.0.1").port(0).build())) {
            ours = scenario.run("127.0.0.1", server.port());
        }
        if (NatsServerProcess.available()) {
            try (NatsServerProcess nats = NatsServerProcess.start(config)) {
                assertThat(ours).as("Wirehub vs nats-server").isEqualTo(scenario.run(nats.host(), nats.port()));
            }
        }
        return ours;
    }

    private static RawClient client(String host, int port, String connect) {
        RawClient client = RawClient.connect(host, port);
        client.expectLineStartingWith("INFO {");
        client.send(connect);
        client.expectLine("PONG");
        return client;
    }

    @Test
    void headersAreStrippedForASubscriberWithoutHeaderSupport() throws Exception {
        List<String> seen = onBoth(null, (host, port) -> {
            try (RawClient subscriber = client(host, port, "CONNECT {\"verbose\":false,\"headers\":false}\r\nPING\r\n");
                 RawClient publisher = client(host, port, HEADERS_CONNECT)) {
                subscriber.send("SUB foo 1\r\nPING\r\n").expectLine("PONG");
                publisher.send("HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nHPUB foo 12 12\r\nNATS/1.0\r\n\r\n\r\nPING\r\n");
                publisher.expectLine("PONG");
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    lines.add(subscriber.readLine(Duration.ofSeconds(3)));
                }
                return lines;
            }
        });
        assertThat(seen).containsExactly("MSG foo 1 2", "hi", "MSG foo 1 0", "");
    }

    @Test
    void connectionsOverTheLimitGetInfoThenAnError() throws Exception {
        List<String> seen = onBoth("max_connections: 1\n", (host, port) -> {
            try (RawClient first = client(host, port, HEADERS_CONNECT); RawClient second = RawClient.connect(host, port)) {
                List<String> lines = new ArrayList<>();
                lines.add(second.readLine(Duration.ofSeconds(3)).startsWith("INFO {") ? "INFO" : "no INFO");
                lines.add(second.expectClosed().trim());
                first.send("PING\r\n").expectLine("PONG");
                return lines;
            }
        });
        assertThat(seen).containsExactly("INFO", "-ERR 'maximum connections exceeded'");
    }

    @Test
    void echoOffSkipsTheOwnQueueMemberAndCountsForNoResponders() throws Exception {
        List<String> seen = onBoth(null, (host, port) -> {
            String quietEcho = "CONNECT {\"verbose\":false,\"echo\":false,\"headers\":true,\"no_responders\":true,"
                    + "\"protocol\":1}\r\nPING\r\n";
            try (RawClient self = client(host, port, quietEcho); RawClient other = client(host, port, HEADERS_CONNECT)) {
                self.send("SUB work q 1\r\nSUB _INBOX.me.* 2\r\nPING\r\n").expectLine("PONG");
                other.send("SUB work q 7\r\nPING\r\n").expectLine("PONG");
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    self.send("PUB work 1\r\nx\r\n");
                }
                self.send("PING\r\n").expectLine("PONG");
                for (int i = 0; i < 5; i++) {
                    lines.add(other.readLine(Duration.ofSeconds(3)));
                    other.readLine(Duration.ofSeconds(3));
                }
                // Only the publisher itself listens on the reply-to subject, with echo off: no one
                // accepted the request, so the no-responders status comes back.
                self.send("SUB svc 3\r\nPUB svc _INBOX.me.1 0\r\n\r\nPING\r\n");
                for (int i = 0; i < 5; i++) {
                    lines.add(self.readLine(Duration.ofSeconds(3)));
                }
                return lines;
            }
        });
        assertThat(seen).containsExactly("MSG work 7 1", "MSG work 7 1", "MSG work 7 1", "MSG work 7 1", "MSG work 7 1",
                "HMSG _INBOX.me.1 2 16 16", "NATS/1.0 503", "", "", "PONG");
    }
}
