package io.wirehub.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies shared between processes through a Key-Value bucket on a real JetStream server. */
class SharedResponseCacheTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path store;

    private Wirehub server;
    private Connection responder;
    private final AtomicInteger asked = new AtomicInteger();

    @BeforeEach
    void startServerAndResponder() throws Exception {
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(store)).build());
        responder = Nats.connect(server.clientUrl());
        Dispatcher d = responder.createDispatcher(m -> {
            int n = asked.incrementAndGet();
            String control = switch (m.getSubject()) {
                case "price" -> "max-age=60";
                case "quick" -> "max-age=2";
                default -> "no-store";
            };
            responder.publish(m.getReplyTo(), new Headers().put(CacheControl.HEADER, control),
                    (new String(m.getData(), StandardCharsets.UTF_8) + "#" + n).getBytes(StandardCharsets.UTF_8));
        });
        d.subscribe("price");
        d.subscribe("quick");
        d.subscribe("balance");
        responder.flush(TIMEOUT);
    }

    @AfterEach
    void stop() throws Exception {
        responder.close();
        server.close();
    }

    @Test
    void aSecondProcessIsAnsweredFromTheBucketTheFirstFilled() throws Exception {
        assertThat(probe("price", "AAPL")).isEqualTo("reply=AAPL#1 sharedHits=0 misses=1");
        assertThat(probe("price", "AAPL")).as("another process, answered from the bucket")
                .isEqualTo("reply=AAPL#1 sharedHits=1 misses=0");
        assertThat(probe("price", "MSFT")).isEqualTo("reply=MSFT#2 sharedHits=0 misses=1");
        assertThat(asked).hasValue(2);
    }

    @Test
    void freshnessEndsWithTheRespondersMaxAgeWhoeverCachedItAndNoStoreIsNeverShared() throws Exception {
        AtomicLong wall = new AtomicLong(1_000_000);
        AtomicLong nanos = new AtomicLong();
        try (Connection a = Nats.connect(server.clientUrl()); Connection b = Nats.connect(server.clientUrl())) {
            SharedReplyStore.open(a, "replies", Duration.ofHours(1)); // creates the bucket
            SharedReplyStore sharedA = new SharedReplyStore(a.keyValue("replies"), wall::get);
            KeyValue bucketB = b.keyValue("replies");
            CachingRequester first = new CachingRequester(a, 10, 1 << 20, nanos::get, sharedA, wall::get);
            CachingRequester second = new CachingRequester(b, 10, 1 << 20, nanos::get,
                    new SharedReplyStore(bucketB, wall::get), wall::get);

            assertThat(text(first.request("quick", bytes("q"), TIMEOUT))).isEqualTo("q#1");
            wall.addAndGet(1_500);
            assertThat(text(second.request("quick", bytes("q"), TIMEOUT))).as("0.5 s of max-age left")
                    .isEqualTo("q#1");
            wall.addAndGet(600);
            nanos.addAndGet(Duration.ofMillis(600).toNanos());
            assertThat(text(second.request("quick", bytes("q"), TIMEOUT)))
                    .as("stale here and in the bucket: asked again").isEqualTo("q#2");

            assertThat(text(first.request("balance", bytes("me"), TIMEOUT))).isEqualTo("me#3");
            assertThat(bucketB.get(SharedReplyStore.key("balance", bytes("me")))).as("no-store is not shared").isNull();
            assertThat(text(second.request("balance", bytes("me"), TIMEOUT))).isEqualTo("me#4");

            first.invalidate("quick", bytes("q"));
            assertThat(bucketB.get(SharedReplyStore.key("quick", bytes("q")))).as("invalidated everywhere").isNull();
            assertThat(second.stats().sharedHits()).isEqualTo(1);
            assertThat(first.stats().sharedErrors()).isZero();
        }
    }

    private String probe(String subject, String body) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SharedCacheProbe.class.getName(), server.clientUrl(), "replies", subject, body)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("probe output: %s", out).isZero();
        return out.lines().reduce((x, y) -> y).orElse("");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(io.nats.client.Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }
}
