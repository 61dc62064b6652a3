package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;

/** Request-reply of the soak: one responder, two requesters of 50 requests/s each, 64 B. */
final class SoakRequestReply extends SoakLoad {
    private static final int REQUESTERS = 2;
    private static final double REQUESTS_PER_SECOND = 50;

    SoakRequestReply(SoakCounters counters) {
        super("request-reply", counters);
    }

    @Override
    void start(String url) throws Exception {
        Options options = new Options.Builder().server(url).maxReconnects(-1).build();
        Connection responder = keep(Nats.connect(options));
        responder.createDispatcher(msg -> responder.publish(msg.getReplyTo(), msg.getData())).subscribe("soak.rr");
        responder.flush(Duration.ofSeconds(5));
        byte[] payload = new byte[64];
        for (int r = 0; r < REQUESTERS; r++) {
            Connection requester = keep(Nats.connect(options));
            loop("requester-" + r, REQUESTS_PER_SECOND, () -> {
                Message reply = requester.request("soak.rr", payload, Duration.ofSeconds(5));
                if (reply == null) {
                    throw new IllegalStateException("no reply within 5 s");
                }
                counters.requests.increment();
            });
        }
    }
}
