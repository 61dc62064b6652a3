package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;

/**
 * JetStream in the soak: a file stream capped at {@value #MAX_MSGS} messages (old ones discarded,
 * so the store stays bounded however long the soak runs), one publisher of 200 msgs/s of 128 B
 * waiting for each PubAck, and a durable pull consumer fetching batches of 20 and acknowledging
 * each message. Every PubAck must come, and the consumer must keep up.
 */
final class SoakJetStream extends SoakLoad {
    static final String STREAM = "SOAK";
    private static final int MAX_MSGS = 20_000;
    private static final double PUBLISHES_PER_SECOND = 200;
    private static final double FETCHES_PER_SECOND = 20;
    private static final int BATCH = 20;

    SoakJetStream(SoakCounters counters) {
        super("jetstream", counters);
    }

    @Override
    void start(String url) throws Exception {
        Options options = new Options.Builder().server(url).maxReconnects(-1).build();
        Connection publisher = keep(Nats.connect(options));
        JetStreamManagement jsm = publisher.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects("soak.js.>").storageType(StorageType.File)
                .maxMessages(MAX_MSGS).discardPolicy(DiscardPolicy.Old).build());
        JetStream js = publisher.jetStream();
        byte[] payload = new byte[128];
        long[] published = {0};
        loop("js-publisher", PUBLISHES_PER_SECOND, () -> {
            PublishAck ack = js.publish("soak.js." + (published[0]++ % 16), payload);
            if (ack.getSeqno() <= 0) {
                throw new IllegalStateException("PubAck without a sequence");
            }
            counters.jsPublished.increment();
        });

        Connection consuming = keep(Nats.connect(options));
        JetStreamSubscription pull = consuming.jetStream().subscribe("soak.js.>", PullSubscribeOptions.builder()
                .durable("soak").configuration(ConsumerConfiguration.builder().ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofSeconds(30)).build()).build());
        loop("js-consumer", FETCHES_PER_SECOND, () -> {
            List<Message> batch = pull.fetch(BATCH, Duration.ofMillis(500));
            for (Message m : batch) {
                m.ack();
                counters.jsConsumed.increment();
            }
        });
    }
}
