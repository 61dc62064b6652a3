package io.wirehub.server.monitor;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import io.wirehub.server.stats.DatagramStats;
import io.wirehub.server.stats.LatencyCounts;
import io.wirehub.server.stats.ServerDescription;
import io.wirehub.server.stats.ServerTotals;
import io.wirehub.server.stats.TrafficTotals;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The server's figures as Prometheus metrics (CONVENTIONS.md: one {@code wirehub_} prefix, base
 * units, counters ending in {@code _total}). Every one is read from the server when scraped: the
 * message path keeps no second copy. Labels take values from fixed sets (transport, close reason,
 * direction, outcome), never subjects or client ids.
 */
final class MetricsExport {
    private MetricsExport() {
    }

    /** A registry holding every Wirehub metric of this server. */
    static PrometheusRegistry registry(ServerView server) {
        PrometheusRegistry registry = new PrometheusRegistry();
        ServerDescription description = server.description();
        Info build = Info.builder().name("wirehub_build").help("Wirehub's version and the protocol it speaks")
                .labelNames("version", "protocol_version", "java_version").register(registry);
        build.setLabelValues(description.version(), description.protocolVersion(), Runtime.version().toString());
        GaugeWithCallback.builder().name("wirehub_start_time_seconds").help("When the server started, in Unix time")
                .callback(g -> g.call(description.startedAt().toEpochMilli() / 1000.0)).register(registry);

        histogram(registry, "wirehub_connection_setup_seconds",
                "Time from accepting a connection to its CONNECT being processed", server::connectionSetupLatency);
        histogram(registry, "wirehub_request_reply_seconds",
                "Time from a publish with a reply subject to the first message on that reply subject",
                server::requestReplyLatency);
        histogram(registry, "wirehub_client_rtt_seconds", "Round trip of the server's PINGs to clients",
                server::roundTripLatency);
        CounterWithCallback.builder().name("wirehub_connection_closes").help("Connections closed, by reason")
                .labelNames("reason").callback(c -> server.closesByReason().forEach((reason, count) ->
                        c.call(count, reason))).register(registry);

        GaugeWithCallback.builder().name("wirehub_connections").help("Client connections open now")
                .callback(g -> g.call(server.connectionCount())).register(registry);
        counter(registry, server, "wirehub_connections_accepted", "Client connections accepted since start",
                ServerTotals::totalConnections);
        counter(registry, server, "wirehub_connections_refused",
                "Connections refused by max_connections or per-address limits", ServerTotals::connectionsRefused);
        GaugeWithCallback.builder().name("wirehub_subscriptions").help("Subscriptions held now")
                .callback(g -> g.call(server.subscriptionCount())).register(registry);
        counter(registry, server, "wirehub_subscriptions_refused", "SUBs refused by max_subscriptions or permissions",
                ServerTotals::subscriptionsRefused);
        counter(registry, server, "wirehub_slow_consumers", "Clients disconnected as slow consumers",
                ServerTotals::slowConsumers);
        counter(registry, server, "wirehub_auth_failures", "Connections refused for bad or missing credentials",
                ServerTotals::authFailures);
        counter(registry, server, "wirehub_rate_limit_hits", "Publishes or connects refused by a rate limit",
                ServerTotals::rateLimitHits);
        GaugeWithCallback.builder().name("wirehub_pending_bytes")
                .help("Bytes queued for clients and not yet written").callback(g -> g.call(server.pendingBytes()))
                .register(registry);

        perTransport(registry, server, "wirehub_received_messages", "Messages received from clients",
                TrafficTotals::inMessages);
        perTransport(registry, server, "wirehub_received_bytes", "Payload bytes received from clients",
                TrafficTotals::inBytes);
        perTransport(registry, server, "wirehub_sent_messages", "Messages delivered to clients",
                TrafficTotals::outMessages);
        perTransport(registry, server, "wirehub_sent_bytes", "Payload bytes delivered to clients",
                TrafficTotals::outBytes);
        CounterWithCallback.builder().name("wirehub_udp_datagrams")
                .help("UDP datagrams received, by outcome: accepted, or dropped as rate_limited, malformed or refused")
                .labelNames("outcome").callback(c -> {
                    DatagramStats.Counts udp = server.datagrams();
                    if (udp != null) {
                        c.call(udp.accepted(), "accepted");
                        c.call(udp.rateLimited(), "rate_limited");
                        c.call(udp.malformed(), "malformed");
                        c.call(udp.refused(), "refused");
                    }
                }).register(registry);
        registry.register(new JetStreamMetrics(server));
        leafLinks(registry, server);
        return registry;
    }

    /**
     * Leaf links: per configured remote (labelled by its first URL's host:port) and per account of
     * the spokes this server accepted (remote "spokes"); counters keep counting across reconnects.
     */
    private static void leafLinks(PrometheusRegistry registry, ServerView server) {
        GaugeWithCallback.builder().name("wirehub_leaf_connections")
                .help("Leaf links up now, per configured remote (0 or 1) and for accepted spokes")
                .labelNames("remote", "account").callback(g -> server.leafFigures().forEach(f ->
                        g.call(f.connections(), f.remote(), f.account()))).register(registry);
        CounterWithCallback.builder().name("wirehub_leaf_connects")
                .help("Leaf links established since start; for a remote, more than one means it reconnected")
                .labelNames("remote", "account").callback(c -> server.leafFigures().forEach(f ->
                        c.call(f.connects(), f.remote(), f.account()))).register(registry);
        CounterWithCallback.builder().name("wirehub_leaf_reconnects")
                .help("Times a configured remote's link was established again after its first")
                .labelNames("remote", "account").callback(c -> server.leafFigures().stream()
                        .filter(f -> !f.remote().equals("spokes"))
                        .forEach(f -> c.call(Math.max(0, f.connects() - 1), f.remote(), f.account())))
                .register(registry);
        CounterWithCallback.builder().name("wirehub_leaf_messages").help("Messages over leaf links")
                .labelNames("remote", "account", "direction").callback(c -> server.leafFigures().forEach(f -> {
                    c.call(f.inMessages(), f.remote(), f.account(), "in");
                    c.call(f.outMessages(), f.remote(), f.account(), "out");
                })).register(registry);
        CounterWithCallback.builder().name("wirehub_leaf_bytes").help("Payload bytes over leaf links")
                .unit(Unit.BYTES).labelNames("remote", "account", "direction").callback(c -> server.leafFigures()
                        .forEach(f -> {
                            c.call(f.inBytes(), f.remote(), f.account(), "in");
                            c.call(f.outBytes(), f.remote(), f.account(), "out");
                        })).register(registry);
    }

    /** A classic histogram read from the server's own buckets when scraped. */
    private static void histogram(PrometheusRegistry registry, String name, String help,
                                  Supplier<LatencyCounts> read) {
        registry.register(() -> {
            LatencyCounts counts = read.get();
            return HistogramSnapshot.builder().name(name).help(help)
                    .dataPoint(HistogramDataPointSnapshot.builder()
                            .classicHistogramBuckets(ClassicHistogramBuckets.of(counts.upperBounds(), counts.counts()))
                            .sum(counts.sumSeconds()).build())
                    .build();
        });
    }

    /** A counter read from the server's totals; the client library appends {@code _total}. */
    private static void counter(PrometheusRegistry registry, ServerView server, String name, String help,
                                ToLongFunction<ServerTotals> value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(c -> c.call(value.applyAsLong(server.totals()))).register(registry);
    }

    /** A counter with one series per transport (nats, websocket, ...), summed over its connections. */
    private static void perTransport(PrometheusRegistry registry, ServerView server, String name, String help,
                                     ToLongFunction<TrafficTotals> figure) {
        CounterWithCallback.builder().name(name).help(help).labelNames("transport").callback(c -> {
            for (Map.Entry<String, TrafficTotals> entry : server.transportTotals().entrySet()) {
                c.call(figure.applyAsLong(entry.getValue()), entry.getKey());
            }
        }).register(registry);
    }
}
