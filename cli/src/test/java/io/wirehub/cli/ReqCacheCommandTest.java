package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.WirehubTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code wirehub req --cache}: repeated requests answered from the cache as the responder's Cache-Control allows. */
@WirehubTest
class ReqCacheCommandTest {

    private static Connection responder(Wirehub server, String subject, String cacheControl) throws Exception {
        Connection nc = Nats.connect(server.clientUrl());
        AtomicInteger answered = new AtomicInteger();
        nc.createDispatcher(m -> nc.publish(m.getReplyTo(), new Headers().put("Cache-Control", cacheControl),
                ("v" + answered.incrementAndGet()).getBytes(StandardCharsets.UTF_8))).subscribe(subject);
        nc.flush(Duration.ofSeconds(5));
        return nc;
    }

    @Test
    void aFreshReplyIsReusedAndCounted(Wirehub server) throws Exception {
        try (Connection nc = responder(server, "svc.price", "max-age=60")) {
            CommandRun run = CommandRun.of("req", "-s", server.clientUrl(), "svc.price", "AAPL", "--count", "3",
                    "--cache", "--raw");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).as("one answer from the responder, two from the cache").isEqualTo("v1\nv1\nv1\n");
            assertThat(run.err()).isEqualTo("Cache: 2 hits, 1 misses\n");
        }
    }

    @Test
    void noStoreAlwaysAsksTheResponder(Wirehub server) throws Exception {
        try (Connection nc = responder(server, "svc.balance", "no-store")) {
            CommandRun run = CommandRun.of("req", "-s", server.clientUrl(), "svc.balance", "me", "--count", "3",
                    "--cache", "--raw");
            assertThat(run.out()).isEqualTo("v1\nv2\nv3\n");
            assertThat(run.err()).isEqualTo("Cache: 0 hits, 3 misses\n");
        }
    }

    @Test
    void cacheWithHeadersIsRefused(Wirehub server) {
        CommandRun run = CommandRun.of("req", "-s", server.clientUrl(), "svc.x", "q", "--cache", "-H", "A:1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("wirehub: --cache takes one reply per request and no headers\n");
    }
}
