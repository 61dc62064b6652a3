package io.wirehub.client.cache;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Request-reply through a cache: a request with the same subject and body as an earlier one is
 * answered from the cache while that reply is fresh, as the responder's {@code Cache-Control:
 * max-age=N} allowed ({@code no-store}, or no header, and nothing is kept). Use it only for
 * requests that are safe to repeat (reads): a cached answer never reaches the responder.
 *
 * <p>Thread-safe. Two threads missing on the same request at once both ask the responder.
 */
public final class CachingRequester {
    private final Connection connection;
    private final ResponseCache cache;
    private final LongSupplier nanoClock;

    public CachingRequester(Connection connection, int maxEntries, long maxBytes) {
        this(connection, maxEntries, maxBytes, System::nanoTime);
    }

    CachingRequester(Connection connection, int maxEntries, long maxBytes, LongSupplier nanoClock) {
        this.connection = connection;
        this.cache = new ResponseCache(maxEntries, maxBytes, nanoClock);
        this.nanoClock = nanoClock;
    }

    /**
     * The reply to {@code body} on {@code subject}: from the cache when fresh, else from the
     * responder (waiting up to {@code timeout}), kept if its {@code Cache-Control} allows.
     *
     * @throws TimeoutException no reply in time (nothing is cached)
     */
    public Message request(String subject, byte[] body, Duration timeout)
            throws InterruptedException, TimeoutException {
        CacheKey key = new CacheKey(subject, body);
        CachedReply cached = cache.lookup(key);
        if (cached != null) {
            return copy(subject, cached);
        }
        Message reply = connection.request(subject, body, timeout);
        if (reply == null) {
            throw new TimeoutException("no reply on " + subject + " within " + timeout.toMillis() + "ms");
        }
        CacheControl control = CacheControl.of(reply.getHeaders());
        // A status reply (no responders, 503) has no body worth reusing and never carries max-age.
        if (control.cacheable() && !reply.isStatusMessage()) {
            byte[] data = reply.getData() == null ? new byte[0] : reply.getData().clone();
            cache.store(key, new CachedReply(copyHeaders(reply.getHeaders()), data,
                    nanoClock.getAsLong() + control.maxAge().toNanos()));
        }
        return reply;
    }

    /** Forgets the reply to this request, so the next one goes to the responder. */
    public void invalidate(String subject, byte[] body) {
        cache.invalidate(new CacheKey(subject, body));
    }

    public CacheStats stats() {
        return cache.stats();
    }

    private static Message copy(String subject, CachedReply cached) {
        return NatsMessage.builder().subject(subject).headers(copyHeaders(cached.headers()))
                .data(cached.body().clone()).build();
    }

    private static Headers copyHeaders(Headers headers) {
        Headers copy = new Headers();
        if (headers != null) {
            headers.forEach(copy::put);
        }
        return copy;
    }
}
