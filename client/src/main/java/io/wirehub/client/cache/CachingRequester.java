package io.wirehub.client.cache;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Request-reply through a cache: a request with the same subject and body as an earlier one is
 * answered from the cache while that reply is fresh, as the responder's {@code Cache-Control:
 * max-age=N} allowed ({@code no-store}, or no header, and nothing is kept). Use it only for
 * requests that are safe to repeat (reads): a cached answer never reaches the responder.
 *
 * <p>With a {@link SharedReplyStore}, processes share their replies through a Key-Value bucket:
 * a request missing here is looked up there before it goes to the responder, and a reply the
 * responder allows to be cached is written to both. The bucket is a second chance, never a
 * requirement: when it cannot be read or written the request is served as without it, and
 * counted in {@link CacheStats#sharedErrors()}.
 *
 * <p>Thread-safe. Two threads missing on the same request at once both ask the responder.
 */
public final class CachingRequester {
    private final Connection connection;
    private final ResponseCache cache;
    private final LongSupplier nanoClock;
    /** The tier shared with other processes, or null. */
    private final SharedReplyStore shared;
    private final LongSupplier wallClockMillis;
    private final AtomicLong sharedHits = new AtomicLong();
    private final AtomicLong sharedErrors = new AtomicLong();

    public CachingRequester(Connection connection, int maxEntries, long maxBytes) {
        this(connection, maxEntries, maxBytes, (SharedReplyStore) null);
    }

    /** A cache in this process in front of {@code shared} (null: nothing shared). */
    public CachingRequester(Connection connection, int maxEntries, long maxBytes, SharedReplyStore shared) {
        this(connection, maxEntries, maxBytes, System::nanoTime, shared, System::currentTimeMillis);
    }

    CachingRequester(Connection connection, int maxEntries, long maxBytes, LongSupplier nanoClock) {
        this(connection, maxEntries, maxBytes, nanoClock, null, System::currentTimeMillis);
    }

    CachingRequester(Connection connection, int maxEntries, long maxBytes, LongSupplier nanoClock,
            SharedReplyStore shared, LongSupplier wallClockMillis) {
        this.connection = connection;
        this.cache = new ResponseCache(maxEntries, maxBytes, nanoClock);
        this.nanoClock = nanoClock;
        this.shared = shared;
        this.wallClockMillis = wallClockMillis;
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
        CachedReply fromShared = lookUpShared(key);
        if (fromShared != null) {
            return copy(subject, fromShared);
        }
        Message reply = connection.request(subject, body, timeout);
        if (reply == null) {
            throw new TimeoutException("no reply on " + subject + " within " + timeout.toMillis() + "ms");
        }
        CacheControl control = CacheControl.of(reply.getHeaders());
        // A status reply (no responders, 503) has no body worth reusing and never carries max-age.
        if (control.cacheable() && !reply.isStatusMessage()) {
            byte[] data = reply.getData() == null ? new byte[0] : reply.getData().clone();
            Headers headers = copyHeaders(reply.getHeaders());
            cache.store(key, new CachedReply(headers, data, nanoClock.getAsLong() + control.maxAge().toNanos()));
            share(key, headers, data, control.maxAge());
        }
        return reply;
    }

    /** Forgets the reply to this request (here and in the shared bucket), so the next one goes to the responder. */
    public void invalidate(String subject, byte[] body) {
        cache.invalidate(new CacheKey(subject, body));
        if (shared != null) {
            try {
                shared.invalidate(subject, body);
            } catch (IOException | JetStreamApiException e) {
                sharedErrors.incrementAndGet();
            }
        }
    }

    public CacheStats stats() {
        CacheStats local = cache.stats();
        long fromShared = sharedHits.get();
        // The local cache counted a shared hit as its miss; to the caller it was a hit.
        return new CacheStats(local.hits() + fromShared, local.misses() - fromShared, local.evictions(),
                local.entries(), local.bytes(), fromShared, sharedErrors.get());
    }

    /** The shared bucket's fresh reply, kept here for what remains of its freshness; null when none. */
    private CachedReply lookUpShared(CacheKey key) {
        if (shared == null) {
            return null;
        }
        SharedReplyStore.SharedReply found;
        try {
            found = shared.lookup(key.subject(), key.body());
        } catch (IOException | JetStreamApiException e) {
            sharedErrors.incrementAndGet();
            return null;
        }
        if (found == null) {
            return null;
        }
        long remainingMillis = found.expiresAtMillis() - wallClockMillis.getAsLong();
        CachedReply reply = new CachedReply(found.headers(), found.body(),
                nanoClock.getAsLong() + Duration.ofMillis(remainingMillis).toNanos());
        cache.store(key, reply);
        sharedHits.incrementAndGet();
        return reply;
    }

    private void share(CacheKey key, Headers headers, byte[] data, Duration maxAge) {
        if (shared == null) {
            return;
        }
        try {
            shared.store(key.subject(), key.body(), headers, data, maxAge);
        } catch (IOException | JetStreamApiException e) {
            sharedErrors.incrementAndGet();
        }
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
