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

/** {@code wirehub req --cache --cache-bucket}: one run's cached reply answers the next run through Key-Value. */
@WirehubTest(jetstream = true)
class ReqSharedCacheCommandTest {

    @Test
    void aLaterRunIsAnsweredFromTheBucket(Wirehub server) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        try (Connection nc = Nats.connect(server.clientUrl())) {
            nc.createDispatcher(m -> nc.publish(m.getReplyTo(), new Headers().put("Cache-Control", "max-age=60"),
                    ("v" + answered.incrementAndGet()).getBytes(StandardCharsets.UTF_8))).subscribe("svc.price");
            nc.flush(Duration.ofSeconds(5));
            CommandRun first = CommandRun.of("req", "-s", server.clientUrl(), "svc.price", "AAPL", "--cache",
                    "--cache-bucket", "replies", "--raw");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("v1\n");
            assertThat(first.err()).isEqualTo("Cache: 0 hits (0 from bucket replies), 1 misses\n");

            CommandRun second = CommandRun.of("req", "-s", server.clientUrl(), "svc.price", "AAPL", "--cache",
                    "--cache-bucket", "replies", "--raw");
            assertThat(second.out()).as("the first run's reply, from the bucket").isEqualTo("v1\n");
            assertThat(second.err()).isEqualTo("Cache: 1 hits (1 from bucket replies), 0 misses\n");
            assertThat(answered).hasValue(1);
            assertThat(nc.keyValueManagement().getStatus("replies").getTtl()).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void aBucketWithoutCacheIsRefused(Wirehub server) {
        CommandRun run = CommandRun.of("req", "-s", server.clientUrl(), "svc.x", "q", "--cache-bucket", "replies");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).isEqualTo("wirehub: --cache-bucket shares the --cache cache: give --cache too\n");
    }
}
