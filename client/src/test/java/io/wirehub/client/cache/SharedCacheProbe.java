package io.wirehub.client.cache;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Another process for {@link SharedResponseCacheTest}: one request through a caching requester
 * that shares the bucket, then a line with the reply and the counters. Arguments: server URL,
 * bucket, subject, body.
 */
public final class SharedCacheProbe {
    private SharedCacheProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = Nats.connect(args[0])) {
            SharedReplyStore shared = SharedReplyStore.open(connection, args[1], Duration.ofHours(1));
            CachingRequester requester = new CachingRequester(connection, 100, 1 << 20, shared);
            Message reply = requester.request(args[2], args[3].getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
            CacheStats stats = requester.stats();
            System.out.println("reply=" + new String(reply.getData(), StandardCharsets.UTF_8) + " sharedHits="
                    + stats.sharedHits() + " misses=" + stats.misses());
        }
    }
}
