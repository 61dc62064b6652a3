package io.wirehub.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeLoadTest {
    @Test
    void acceptingGoesOnAtOnceBelowTheLimitAndWaitsABoundedTimeAbove() {
        HandshakeLoad load = new HandshakeLoad();
        for (int i = 0; i < HandshakeLoad.LIMIT; i++) {
            load.started();
        }
        long start = System.nanoTime();
        load.awaitRoom();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(50));

        load.started();
        start = System.nanoTime();
        load.awaitRoom();
        long waited = System.nanoTime() - start;
        assertThat(waited).as("waits while past the limit").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));
        assertThat(waited).as("but not for ever").isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(load.sending()).isEqualTo(HandshakeLoad.LIMIT + 1);
    }

    @Test
    void aWaitEndsAsSoonAsTheLoadFalls() throws Exception {
        HandshakeLoad load = new HandshakeLoad();
        for (int i = 0; i <= HandshakeLoad.LIMIT; i++) {
            load.started();
        }
        Thread accept = Thread.ofPlatform().start(load::awaitRoom);
        load.ended();
        accept.join(TimeUnit.SECONDS.toMillis(2));
        assertThat(accept.isAlive()).isFalse();
    }
}
