package io.wirehub.server.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** IPv6 loopback clients, and a dual-stack listener ({@code -a ::}) serving IPv4 and IPv6 at once. */
class Ipv6Test {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void jnatsOverIpv6LoopbackAndIpv4OnOneDualStackListener() throws Exception {
        ServerConfig config = ServerConfig.builder().host("::").port(0)
                .monitoring(new MonitoringConfig("127.0.0.1", -1)).build();
        try (Wirehub server = Wirehub.start(config);
             Connection v6 = Nats.connect("nats://[::1]:" + server.port());
             Connection v4 = Nats.connect("nats://127.0.0.1:" + server.port())) {
            assertThat(server.clientUrl()).isEqualTo("nats://[::1]:" + server.port());
            Subscription sub = v6.subscribe("dual.stack");
            v6.flush(WAIT);
            v4.publish("dual.stack", "from v4".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(WAIT);
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("from v4");

            JsonNode connz = HttpGet.jsonUntil(server.monitoringUrl() + "/connz",
                    c -> c.path("connections").size() == 2, "two connections");
            assertThat(connz.path("connections").findValuesAsText("ip")).containsExactlyInAnyOrder("::1", "127.0.0.1");
        }
    }

    @Test
    void infoCarriesTheIpv6ClientAddress() throws Exception {
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("::1").port(0).build());
             RawClient client = RawClient.connect("::1", server.port())) {
            assertThat(client.expectLineStartingWith("INFO {")).contains("\"client_ip\":\"::1\"");
        }
    }
}
