package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;

/**
 * Pub/sub of the soak: two publishers, each 400 msgs/s of 128 B over eight subjects
 * {@code soak.ps.P.K}; a wildcard subscriber of everything ({@code soak.ps.>}), one of a single
 * subject column ({@code soak.ps.*.3}) and a queue group of two sharing {@code soak.ps.>}.
 * About 800 msgs/s in, 1,700 out.
 */
final class SoakPubSub extends SoakLoad {
    private static final int PUBLISHERS = 2;
    /** Published in batches of 10, 40 batches a second, per publisher. */
    private static final int BATCH = 10;
    private static final double BATCHES_PER_SECOND = 40;

    SoakPubSub(SoakCounters counters) {
        super("pub/sub", counters);
    }

    @Override
    void start(String url) throws Exception {
        Options options = new Options.Builder().server(url).maxReconnects(-1).build();
        subscribe(options, "soak.ps.>", null);
        subscribe(options, "soak.ps.*.3", null);
        subscribe(options, "soak.ps.>", "soak-workers");
        subscribe(options, "soak.ps.>", "soak-workers");
        byte[] payload = new byte[128];
        for (int p = 0; p < PUBLISHERS; p++) {
            Connection publisher = keep(Nats.connect(options));
            String prefix = "soak.ps." + p + ".";
            int[] next = {0};
            loop("publisher-" + p, BATCHES_PER_SECOND, () -> {
                for (int i = 0; i < BATCH; i++) {
                    publisher.publish(prefix + (next[0]++ & 7), payload);
                }
            });
        }
    }

    private void subscribe(Options options, String subject, String queue) throws Exception {
        Connection subscriber = keep(Nats.connect(options));
        Dispatcher dispatcher = subscriber.createDispatcher(msg -> counters.delivered.increment());
        if (queue == null) {
            dispatcher.subscribe(subject);
        } else {
            dispatcher.subscribe(subject, queue);
        }
        // Subscribed before the first publish, so the first samples see the full delivery rate.
        subscriber.flush(Duration.ofSeconds(5));
    }
}
