package io.wirehub.server.it.jetstream;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.nio.file.Path;

/**
 * A Wirehub with JetStream in a JVM of its own, for tests that kill it with SIGKILL: started with
 * the store directory as its argument, it prints {@code PORT <n>} once it listens and runs until
 * killed. A second argument names a config file (for what only a config file sets, such as
 * {@code sync_interval: always}); host and port stay 127.0.0.1 and a free port.
 */
public final class WirehubChild {
    private WirehubChild() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig.Builder builder = args.length > 1 ? ConfigFileLoader.load(Path.of(args[1])).builder()
                : ServerConfig.builder()
                        .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Path.of(args[0])));
        Wirehub server = Wirehub.start(builder.host("127.0.0.1").port(0).build());
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
