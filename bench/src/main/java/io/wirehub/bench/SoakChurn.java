package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.time.Duration;

/**
 * Connection churn of the soak: four times a second a new connection subscribes, publishes one
 * message to itself, waits for it and closes. What each connection leaves behind in the server
 * (subscriptions, buffers, threads, descriptors) must go away with it.
 */
final class SoakChurn extends SoakLoad {
    private static final double CONNECTIONS_PER_SECOND = 4;

    SoakChurn(SoakCounters counters) {
        super("churn", counters);
    }

    @Override
    void start(String url) {
        Options options = new Options.Builder().server(url).maxReconnects(0).build();
        long[] round = {0};
        loop("churn", CONNECTIONS_PER_SECOND, () -> {
            try (Connection connection = Nats.connect(options)) {
                String subject = "soak.churn." + round[0]++;
                Subscription subscription = connection.subscribe(subject);
                connection.publish(subject, new byte[32]);
                Message echo = subscription.nextMessage(Duration.ofSeconds(5));
                if (echo == null) {
                    throw new IllegalStateException("a churn connection's own message did not come back within 5 s");
                }
                counters.churned.increment();
            }
        });
    }
}
