package io.wirehub.server.it.jetstream;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Wirehub with JetStream in a JVM of its own, for tests that kill it with SIGKILL: started with
 * the store directory as its argument (and {@code always} after it for {@code sync_interval:
 * always}), it prints {@code PORT <n>} once it listens and runs until killed.
 */
public final class WirehubChild {
    private WirehubChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean syncAlways = args.length > 1 && args[1].equals("always");
        JetStreamConfig jetstream = new JetStreamConfig(true, Path.of(args[0]), -1, -1, "", Duration.ZERO, syncAlways,
                "", JetStreamConfig.ServerLimits.NONE, -1, -1, "");
        Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0).jetstream(jetstream).build());
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
