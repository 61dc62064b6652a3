package io.wirehub.server.monitor;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.wirehub.server.stats.JetStreamAccountDetail;
import io.wirehub.server.stats.JetStreamAccountDetail.ConsumerDetail;
import io.wirehub.server.stats.JetStreamAccountDetail.StreamDetail;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * JetStream per stream and per consumer, from one copy of JetStream's state per scrape: a stream's
 * messages and bytes; a consumer's pending (its lag), ack pending, redelivered and waiting pulls.
 * Labels are account, stream and consumer: names an operator configured, bounded like the streams
 * themselves (never subjects or client ids).
 */
final class JetStreamMetrics implements MultiCollector {
    private final ServerView server;

    JetStreamMetrics(ServerView server) {
        this.server = server;
    }

    @Override
    public MetricSnapshots collect() {
        List<JetStreamAccountDetail> accounts = server.jetStreamAccounts(true);
        return new MetricSnapshots(
                stream(accounts, "wirehub_jetstream_stream_messages", "Messages held by the stream", null,
                        StreamDetail::messages),
                stream(accounts, "wirehub_jetstream_stream_bytes", "Bytes held by the stream", Unit.BYTES,
                        StreamDetail::bytes),
                consumer(accounts, "wirehub_jetstream_consumer_pending_messages",
                        "Messages of the stream the consumer has yet to deliver (its lag)", ConsumerDetail::numPending),
                consumer(accounts, "wirehub_jetstream_consumer_ack_pending_messages",
                        "Messages delivered and not yet acknowledged", ConsumerDetail::numAckPending),
                consumer(accounts, "wirehub_jetstream_consumer_redelivered_messages",
                        "Messages delivered more than once and not yet acknowledged", ConsumerDetail::numRedelivered),
                consumer(accounts, "wirehub_jetstream_consumer_waiting_requests",
                        "Pull requests waiting for messages", ConsumerDetail::numWaiting));
    }

    private static GaugeSnapshot stream(List<JetStreamAccountDetail> accounts, String name, String help, Unit unit,
                                        ToLongFunction<StreamDetail> figure) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            gauge.unit(unit);
        }
        for (JetStreamAccountDetail account : accounts) {
            for (StreamDetail stream : account.streams()) {
                gauge.dataPoint(GaugeDataPointSnapshot.builder().value(figure.applyAsLong(stream))
                        .labels(Labels.of("account", account.name(), "stream", stream.name())).build());
            }
        }
        return gauge.build();
    }

    private static GaugeSnapshot consumer(List<JetStreamAccountDetail> accounts, String name, String help,
                                          ToLongFunction<ConsumerDetail> figure) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (JetStreamAccountDetail account : accounts) {
            for (StreamDetail stream : account.streams()) {
                for (ConsumerDetail consumer : stream.consumers()) {
                    gauge.dataPoint(GaugeDataPointSnapshot.builder().value(figure.applyAsLong(consumer))
                            .labels(Labels.of("account", account.name(), "stream", stream.name(), "consumer",
                                    consumer.name())).build());
                }
            }
        }
        return gauge.build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("wirehub_jetstream_stream_messages", "wirehub_jetstream_stream_bytes",
                "wirehub_jetstream_consumer_pending_messages", "wirehub_jetstream_consumer_ack_pending_messages",
                "wirehub_jetstream_consumer_redelivered_messages", "wirehub_jetstream_consumer_waiting_requests");
    }
}
