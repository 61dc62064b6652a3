package io.wirehub.server.stats;

import java.util.List;

/**
 * One JetStream-enabled account as /jsz shows it, copied when asked: its usage, API counters and
 * (when asked for) its streams. Monitoring reads only such copies, never the live streams.
 *
 * @param reservedMemory the account's memory limit as nats-server reports it (its {@code max_memory})
 * @param reservedStorage the account's storage limit (its {@code max_storage})
 * @param streams empty unless streams were asked for
 */
public record JetStreamAccountDetail(String name, long memory, long storage, long reservedMemory,
                                     long reservedStorage, long apiTotal, long apiErrors, int streamCount,
                                     int consumerCount, long messages, long bytes, List<StreamDetail> streams) {

    public JetStreamAccountDetail {
        streams = List.copyOf(streams);
    }

    /**
     * One stream. The JSON parts are the API's own text for the same things (STREAM.INFO's
     * {@code config}, {@code state}, {@code mirror}, {@code sources}), so /jsz and the API agree.
     *
     * @param created     nats-server's time text
     * @param mirrorJson  null when the stream is not a mirror
     * @param sourcesJson null when it has no sources
     */
    public record StreamDetail(String name, String created, long messages, long bytes, String configJson,
                               String stateJson, String mirrorJson, String sourcesJson,
                               List<ConsumerDetail> consumers) {
        public StreamDetail {
            consumers = List.copyOf(consumers);
        }
    }

    /**
     * One consumer: the figures metrics and the dashboard read, and CONSUMER.INFO's JSON for /jsz.
     *
     * @param infoJson    the consumer info as the API writes it (config included)
     * @param numPending  messages not yet delivered (the consumer's lag behind its stream)
     */
    public record ConsumerDetail(String stream, String name, boolean pull, long numPending, long numAckPending,
                                 long numRedelivered, long numWaiting, long deliveredStreamSeq, String infoJson) {
    }
}
