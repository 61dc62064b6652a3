package io.wirehub.server.monitor;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.wirehub.server.Version;
import io.wirehub.server.connection.ServerStats;
import io.wirehub.server.connection.TransportTotals.Totals;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.transport.datagram.UdpStats;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Registers the server's counters and gauges with its Prometheus registry (CONVENTIONS.md: one
 * {@code wirehub_} prefix, base units, counters ending in {@code _total}). They are callbacks: a
 * scrape reads the live counters, so the message path keeps no second copy. Labels take values
 * from fixed sets (transport, close reason), never subjects or client ids.
 */
final class MetricsExport {
    private MetricsExport() {
    }

    static void register(ServerView server) {
        PrometheusRegistry registry = server.observability().metrics().registry();
        ServerStats stats = server.stats();
        Info build = Info.builder().name("wirehub_build").help("Wirehub's version and the protocol it speaks")
                .labelNames("version", "protocol_version", "java_version").register(registry);
        build.setLabelValues(Version.wirehub(), ServerInfo.PROTOCOL_VERSION, Runtime.version().toString());
        GaugeWithCallback.builder().name("wirehub_start_time_seconds").help("When the server started, in Unix time")
                .callback(g -> g.call(server.startedAt().toEpochMilli() / 1000.0)).register(registry);

        GaugeWithCallback.builder().name("wirehub_connections").help("Client connections open now")
                .callback(g -> g.call(server.connectionCount())).register(registry);
        counter(registry, "wirehub_connections_accepted", "Client connections accepted since start",
                stats::totalConnections);
        counter(registry, "wirehub_connections_refused", "Connections refused by max_connections or per-address limits",
                stats::connectionsRefused);
        GaugeWithCallback.builder().name("wirehub_subscriptions").help("Subscriptions held now")
                .callback(g -> g.call(server.subscriptions().count())).register(registry);
        counter(registry, "wirehub_subscriptions_refused", "SUBs refused by max_subscriptions or permissions",
                stats::subscriptionsRefused);
        counter(registry, "wirehub_slow_consumers", "Clients disconnected as slow consumers", stats::slowConsumers);
        counter(registry, "wirehub_auth_failures", "Connections refused for bad or missing credentials",
                stats::authFailures);
        counter(registry, "wirehub_rate_limit_hits", "Publishes or connects refused by a rate limit",
                stats::rateLimitHits);
        GaugeWithCallback.builder().name("wirehub_pending_bytes")
                .help("Bytes queued for clients and not yet written").callback(g -> g.call(server.pendingBytes()))
                .register(registry);

        perTransport(registry, server, "wirehub_received_messages", "Messages received from clients",
                Totals::inMessages);
        perTransport(registry, server, "wirehub_received_bytes", "Payload bytes received from clients",
                Totals::inBytes);
        perTransport(registry, server, "wirehub_sent_messages", "Messages delivered to clients", Totals::outMessages);
        perTransport(registry, server, "wirehub_sent_bytes", "Payload bytes delivered to clients", Totals::outBytes);
        CounterWithCallback.builder().name("wirehub_file_transfer_bytes")
                .help("Bytes through the file service: verified chunks stored (upload) and chunks sent (download)")
                .unit(io.prometheus.metrics.model.snapshots.Unit.BYTES)
                .labelNames("direction").callback(c -> {
                    var files = server.fileTransferStats();
                    if (files != null) {
                        c.call(files.uploadedBytes(), "upload");
                        c.call(files.downloadedBytes(), "download");
                    }
                }).register(registry);
        CounterWithCallback.builder().name("wirehub_udp_datagrams")
                .help("UDP datagrams received, by outcome: accepted, or dropped as rate_limited, malformed or refused")
                .labelNames("outcome").callback(c -> {
                    UdpStats udp = server.udpStats();
                    if (udp != null) {
                        c.call(udp.accepted(), "accepted");
                        c.call(udp.rateLimited(), "rate_limited");
                        c.call(udp.malformed(), "malformed");
                        c.call(udp.refused(), "refused");
                    }
                }).register(registry);
    }

    /** A counter read from {@code value}; the client library appends {@code _total}. */
    private static void counter(PrometheusRegistry registry, String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(c -> c.call(value.getAsLong()))
                .register(registry);
    }

    /** A counter with one series per transport (nats, websocket, ...), summed over its connections. */
    private static void perTransport(PrometheusRegistry registry, ServerView server, String name, String help,
                                     ToLongFunction<Totals> figure) {
        CounterWithCallback.builder().name(name).help(help).labelNames("transport").callback(c -> {
            for (Map.Entry<String, Totals> entry : server.transportTotals().entrySet()) {
                c.call(figure.applyAsLong(entry.getValue()), entry.getKey());
            }
        }).register(registry);
    }
}
