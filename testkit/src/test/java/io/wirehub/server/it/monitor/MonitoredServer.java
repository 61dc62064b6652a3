package io.wirehub.server.it.monitor;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.time.Duration;

/** A server on free ports of 127.0.0.1 with monitoring on, and jnats clients for it. */
final class MonitoredServer {
    private MonitoredServer() {
    }

    static ServerConfig.Builder config() {
        return ServerConfig.builder().host("127.0.0.1").port(0).monitoring(new MonitoringConfig("127.0.0.1", -1));
    }

    static Wirehub start() throws IOException {
        return Wirehub.start(config().build());
    }

    static Connection connect(Wirehub server, String name) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).connectionName(name)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }
}
