package io.wirehub.server.jetstream.api;

import java.time.Instant;

/** One consumer as the API sees it: its config, when it was made, and its state for CONSUMER.INFO. */
public interface ConsumerView {

    String name();

    ConsumerConfig config();

    Instant created();

    /** The figures of consumer info, taken at one moment. */
    ConsumerState state();

    /**
     * What consumer info reports.
     *
     * @param lastDelivered null until something was delivered
     * @param lastAck       null until something was acknowledged
     */
    record ConsumerState(long deliveredConsumerSeq, long deliveredStreamSeq, Instant lastDelivered,
                         long ackFloorConsumerSeq, long ackFloorStreamSeq, Instant lastAck,
                         long numAckPending, long numRedelivered, long numWaiting, long numPending,
                         boolean pushBound) {
    }
}
