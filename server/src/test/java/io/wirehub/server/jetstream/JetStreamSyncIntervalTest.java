package io.wirehub.server.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.config.JetStreamConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sync_interval timer's period: the configured interval, else nats-server's default, never zero. */
class JetStreamSyncIntervalTest {

    private static JetStreamConfig withInterval(Duration interval) {
        JetStreamConfig c = JetStreamConfig.OFF;
        return new JetStreamConfig(true, c.storeDir(), c.maxMemory(), c.maxStore(), c.domain(), interval, false,
                c.uniqueTag(), c.limits(), c.maxCatchup(), c.requestQueueLimit(), c.extensionHint());
    }

    @Test
    void unsetIntervalIsTheDefaultTwoMinutesNotEveryMillisecond() {
        assertThat(JetStream.syncEvery(withInterval(Duration.ZERO))).isEqualTo(Duration.ofMinutes(2));
        assertThat(JetStream.syncEvery(JetStreamConfig.OFF)).isEqualTo(JetStreamConfig.DEFAULT_SYNC_INTERVAL);
    }

    @Test
    void configuredIntervalIsKept() {
        assertThat(JetStream.syncEvery(withInterval(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
        assertThat(JetStream.syncEvery(withInterval(Duration.ofMillis(10)))).isEqualTo(Duration.ofMillis(10));
    }
}
