package io.wirehub.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The caching requester against jnats responders on a real server, on a clock the test moves. */
class CachingRequesterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void hitMissExpiryAndNoStore() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicInteger asked = new AtomicInteger();
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
             Connection responder = Nats.connect(server.clientUrl());
             Connection requester = Nats.connect(server.clientUrl())) {
            Dispatcher d = responder.createDispatcher(m -> {
                int n = asked.incrementAndGet();
                String control = m.getSubject().equals("price") ? "max-age=10" : "no-store";
                responder.publish(m.getReplyTo(), new Headers().put(CacheControl.HEADER, control),
                        text(new String(m.getData(), StandardCharsets.UTF_8) + "#" + n));
            });
            d.subscribe("price");
            d.subscribe("balance");
            d.subscribe("plain");
            responder.flush(TIMEOUT);
            CachingRequester cached = new CachingRequester(requester, 100, 1 << 20, now::get);

            assertThat(text(cached.request("price", text("AAPL"), TIMEOUT))).isEqualTo("AAPL#1");
            Message hit = cached.request("price", text("AAPL"), TIMEOUT);
            assertThat(text(hit)).as("answered from the cache").isEqualTo("AAPL#1");
            assertThat(hit.getHeaders().getFirst(CacheControl.HEADER)).isEqualTo("max-age=10");
            assertThat(asked).hasValue(1);
            assertThat(text(cached.request("price", text("MSFT"), TIMEOUT))).as("another body").isEqualTo("MSFT#2");

            now.addAndGet(Duration.ofSeconds(10).toNanos());
            assertThat(text(cached.request("price", text("AAPL"), TIMEOUT))).as("expired").isEqualTo("AAPL#3");

            assertThat(text(cached.request("balance", text("me"), TIMEOUT))).isEqualTo("me#4");
            assertThat(text(cached.request("balance", text("me"), TIMEOUT))).as("no-store").isEqualTo("me#5");

            cached.invalidate("price", text("AAPL"));
            assertThat(text(cached.request("price", text("AAPL"), TIMEOUT))).isEqualTo("AAPL#6");

            CacheStats stats = cached.stats();
            assertThat(stats.hits()).isEqualTo(1);
            assertThat(stats.misses()).isEqualTo(6);
            assertThat(stats.entries()).as("AAPL and MSFT prices").isEqualTo(2);
        }
    }

    @Test
    void aReplyWithoutCacheControlIsNotKeptAndAFailedRequestKeepsNothing() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
             Connection responder = Nats.connect(server.clientUrl());
             Connection requester = Nats.connect(server.clientUrl())) {
            responder.createDispatcher(m -> responder.publish(m.getReplyTo(), text("n" + asked.incrementAndGet())))
                    .subscribe("plain");
            responder.flush(TIMEOUT);
            CachingRequester cached = new CachingRequester(requester, 10, 10_000);
            assertThat(text(cached.request("plain", text("q"), TIMEOUT))).isEqualTo("n1");
            assertThat(text(cached.request("plain", text("q"), TIMEOUT))).isEqualTo("n2");
            assertThat(cached.stats().entries()).isZero();

            assertThatThrownBy(() -> cached.request("nobody.home", text("q"), Duration.ofMillis(300)))
                    .isInstanceOfAny(TimeoutException.class, java.util.concurrent.CancellationException.class);
            assertThat(cached.stats().entries()).isZero();
        }
    }
}
