package io.wirehub.server.it.jetstream;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nats-server and Wirehub side by side, both with JetStream on a fresh store and HTTP monitoring,
 * each with a jnats connection: what the differential tests send to both and compare.
 */
record JetStreamPair(NatsServerProcess nats, Wirehub wirehub, Connection natsClient, Connection wirehubClient,
                     Path natsDir, Path wirehubDir)
        implements AutoCloseable {

    static JetStreamPair start() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        Path natsDir = Files.createTempDirectory("js-nats-");
        Path wirehubDir = Files.createTempDirectory("js-wirehub-");
        NatsServerProcess nats = NatsServerProcess.start(null, true, List.of("-js", "-sd", natsDir.toString()));
        Wirehub wirehub = null;
        try {
            wirehub = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                    .monitoring(new MonitoringConfig("127.0.0.1", -1))
                    .jetstream(JetStreamConfig.OFF.withEnabled(true)
                            .withStoreDir(wirehubDir)).build());
            return new JetStreamPair(nats, wirehub, Nats.connect(nats.url()), Nats.connect(wirehub.clientUrl()),
                    natsDir, wirehubDir);
        } catch (Exception | Error e) {
            closeAll(wirehub, nats);
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        closeAll(natsClient, wirehubClient, wirehub, nats);
    }

    private static void closeAll(AutoCloseable... all) throws Exception {
        for (AutoCloseable c : all) {
            if (c != null) {
                c.close();
            }
        }
    }
}
