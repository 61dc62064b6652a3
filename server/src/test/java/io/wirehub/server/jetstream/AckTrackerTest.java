package io.wirehub.server.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckTrackerTest {
    private static final long LATER = Long.MAX_VALUE / 2;

    @Test
    void aRedeliveredMessageAckedLastStillMovesTheFloor() {
        AckTracker acks = new AckTracker();
        acks.track(1, 1, 1, LATER);
        acks.track(2, 2, 1, LATER);
        acks.track(3, 3, 1, LATER);
        acks.track(1, 4, 2, LATER); // message 1 again, as consumer sequence 4
        assertThat(acks.ackExplicit(2, 5, 4)).isTrue();
        assertThat(acks.ackFloorStream).isZero();
        assertThat(acks.ackExplicit(1, 5, 4)).isTrue();
        // As nats-server: the redelivery kept delivery sequence 1, so the floor moves up to the
        // next pending message (3).
        assertThat(acks.ackFloorStream).isEqualTo(2);
        assertThat(acks.ackFloorConsumer).isEqualTo(2);
        assertThat(acks.deliveryCount(1)).isEqualTo(1); // forgotten with its ack
    }

    @Test
    void theFloorFollowsInOrderAcks() {
        AckTracker acks = new AckTracker();
        for (long s = 1; s <= 3; s++) {
            acks.track(s, s, 1, LATER);
        }
        acks.ackExplicit(1, 4, 4);
        assertThat(acks.ackFloorStream).isEqualTo(1);
        acks.ackExplicit(3, 4, 4);
        assertThat(acks.ackFloorStream).isEqualTo(1);
        acks.ackExplicit(2, 4, 4);
        assertThat(acks.ackFloorStream).isEqualTo(3);
    }
}
