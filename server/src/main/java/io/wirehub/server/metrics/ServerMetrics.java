package io.wirehub.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The measurements that need more than a counter: how long things take (histograms) and why
 * connections end. Observed by the connection code, exported by the monitor's /metrics. Label
 * values come from fixed sets (close reasons, transports), never from subjects or client ids.
 *
 * <p>Thread-safe: the Prometheus client's metrics are.
 */
public final class ServerMetrics {
    /** From 50 µs to 10 s, the range loopback to WAN round trips fall in. */
    private static final double[] LATENCY_BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
            0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram connectionSetup;
    private final Histogram requestReply;
    private final Histogram roundTrip;
    private final Counter closes;

    public ServerMetrics() {
        connectionSetup = Histogram.builder().name("wirehub_connection_setup_seconds")
                .help("Time from accepting a connection to its CONNECT being processed")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        requestReply = Histogram.builder().name("wirehub_request_reply_seconds")
                .help("Time from a publish with a reply subject to the first message on that reply subject")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        roundTrip = Histogram.builder().name("wirehub_client_rtt_seconds")
                .help("Round trip of the server's PINGs to clients")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        closes = Counter.builder().name("wirehub_connection_closes_total")
                .help("Connections closed, by reason").labelNames("reason").register(registry);
    }

    /** The registry the monitor adds its callbacks to and exports. */
    public PrometheusRegistry registry() {
        return registry;
    }

    public void connectionSetUp(long nanos) {
        connectionSetup.observe(nanos / 1e9);
    }

    public void requestAnswered(long nanos) {
        requestReply.observe(nanos / 1e9);
    }

    public void roundTrip(long nanos) {
        roundTrip.observe(nanos / 1e9);
    }

    /** @param reason a close reason's name: a fixed, small set of label values */
    public void closed(String reason) {
        closes.labelValues(reason).inc();
    }

    public Histogram connectionSetupHistogram() {
        return connectionSetup;
    }

    public Histogram requestReplyHistogram() {
        return requestReply;
    }

    public Histogram roundTripHistogram() {
        return roundTrip;
    }
}
