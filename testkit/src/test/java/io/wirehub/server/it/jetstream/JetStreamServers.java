package io.wirehub.server.it.jetstream;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.nio.file.Files;
import java.util.List;

/**
 * A JetStream server of either kind, so one client test runs on Wirehub and, side by side, on
 * nats-server (2.9.10 here) to show that what it expects is what nats-server does.
 */
record JetStreamServers(String url, AutoCloseable server) implements AutoCloseable {
    static final String WIREHUB = "wirehub";
    static final String NATS_SERVER = "nats-server";

    static JetStreamServers start(String kind) throws Exception {
        if (kind.equals(NATS_SERVER)) {
            TestTools.require("nats-server", NatsServerProcess.binary());
            NatsServerProcess nats = NatsServerProcess.start(null, false, List.of("-js", "-sd",
                    Files.createTempDirectory("js-nats-").toString()));
            return new JetStreamServers(nats.url(), nats);
        }
        Wirehub wirehub = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("js-wh-")))
                .build());
        return new JetStreamServers(wirehub.clientUrl(), wirehub);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
