package io.wirehub.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache's bounds, freshness and counters, on a clock the test moves. */
class ResponseCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);

    private static CacheKey key(String subject, String body) {
        return new CacheKey(subject, body.getBytes(StandardCharsets.UTF_8));
    }

    private CachedReply reply(int bytes, Duration fresh) {
        return new CachedReply(new Headers(), new byte[bytes], now.get() + fresh.toNanos());
    }

    @Test
    void aFreshReplyIsAHitAndAStaleOneAMiss() {
        ResponseCache cache = new ResponseCache(10, 10_000, now::get);
        assertThat(cache.lookup(key("a", "1"))).isNull();
        cache.store(key("a", "1"), reply(5, Duration.ofSeconds(2)));
        assertThat(cache.lookup(key("a", "1"))).isNotNull();
        assertThat(cache.lookup(key("a", "2"))).as("another body is another request").isNull();
        assertThat(cache.lookup(key("b", "1"))).as("another subject is another request").isNull();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cache.lookup(key("a", "1"))).as("expired at max-age").isNull();
        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(4);
        assertThat(stats.entries()).as("the stale entry was dropped").isZero();
        assertThat(stats.bytes()).isZero();
    }

    @Test
    void boundedByEntriesLeastRecentlyUsedFirst() {
        ResponseCache cache = new ResponseCache(2, 10_000, now::get);
        cache.store(key("a", ""), reply(1, Duration.ofMinutes(1)));
        cache.store(key("b", ""), reply(1, Duration.ofMinutes(1)));
        cache.lookup(key("a", ""));
        cache.store(key("c", ""), reply(1, Duration.ofMinutes(1)));
        assertThat(cache.lookup(key("b", ""))).as("b was used least recently").isNull();
        assertThat(cache.lookup(key("a", ""))).isNotNull();
        assertThat(cache.lookup(key("c", ""))).isNotNull();
        assertThat(cache.stats().evictions()).isEqualTo(1);
        assertThat(cache.stats().entries()).isEqualTo(2);
    }

    @Test
    void boundedByBytes() {
        ResponseCache cache = new ResponseCache(100, 250, now::get);
        cache.store(key("a", ""), reply(100, Duration.ofMinutes(1)));
        cache.store(key("b", ""), reply(100, Duration.ofMinutes(1)));
        cache.store(key("c", ""), reply(100, Duration.ofMinutes(1)));
        assertThat(cache.stats().entries()).isEqualTo(2);
        assertThat(cache.stats().bytes()).isEqualTo(202).isLessThanOrEqualTo(250);
        assertThat(cache.lookup(key("a", ""))).isNull();
        cache.store(key("huge", ""), reply(1_000, Duration.ofMinutes(1)));
        assertThat(cache.lookup(key("huge", ""))).as("larger than the cache: not stored").isNull();
        assertThat(cache.stats().entries()).as("and nothing evicted for it").isEqualTo(2);
    }

    @Test
    void replacingAnEntryKeepsTheByteCountRight() {
        ResponseCache cache = new ResponseCache(10, 10_000, now::get);
        cache.store(key("a", ""), reply(100, Duration.ofMinutes(1)));
        cache.store(key("a", ""), reply(10, Duration.ofMinutes(1)));
        assertThat(cache.stats().bytes()).isEqualTo(11);
        cache.invalidate(key("a", ""));
        assertThat(cache.stats().bytes()).isZero();
        assertThat(cache.lookup(key("a", ""))).isNull();
    }

    @Test
    void cacheControlDirectives() {
        assertThat(CacheControl.parse("max-age=60").maxAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(CacheControl.parse("public, Max-Age=5").maxAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(CacheControl.parse("max-age=60, no-store").cacheable()).isFalse();
        assertThat(CacheControl.parse("no-cache").cacheable()).isFalse();
        assertThat(CacheControl.parse("max-age=0").cacheable()).isFalse();
        assertThat(CacheControl.parse("max-age=abc").cacheable()).isFalse();
        assertThat(CacheControl.of(new Headers()).cacheable()).as("no header: not cached").isFalse();
        assertThat(CacheControl.of(null).cacheable()).isFalse();
    }

    @Test
    void aMillionDistinctRequestsStayWithinTheBounds() {
        int maxEntries = 10_000;
        long maxBytes = 2L << 20;
        ResponseCache cache = new ResponseCache(maxEntries, maxBytes, now::get);
        int requests = 1_000_000;
        for (int i = 0; i < requests; i++) {
            CacheKey key = key("quote." + (i % 997), Integer.toString(i));
            assertThat(cache.lookup(key)).isNull();
            cache.store(key, reply(64 + i % 512, Duration.ofMinutes(5)));
            if (i % 50_000 == 0) {
                CacheStats during = cache.stats();
                assertThat(during.entries()).isLessThanOrEqualTo(maxEntries);
                assertThat(during.bytes()).isLessThanOrEqualTo(maxBytes);
            }
        }
        CacheStats stats = cache.stats();
        assertThat(stats.misses()).isEqualTo(requests);
        assertThat(stats.bytes()).isLessThanOrEqualTo(maxBytes);
        assertThat(stats.entries()).isLessThanOrEqualTo(maxEntries).isPositive();
        assertThat(stats.evictions()).as("everything stored but what is held was evicted")
                .isEqualTo(requests - stats.entries());
        // The newest request is still there; the first was evicted long ago.
        assertThat(cache.lookup(key("quote." + ((requests - 1) % 997), Integer.toString(requests - 1)))).isNotNull();
        assertThat(cache.lookup(key("quote.0", "0"))).isNull();
    }
}
