package io.wirehub.server.monitor;

import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.WebSocketConfig;
import io.wirehub.server.stats.JetStreamStats;
import io.wirehub.server.stats.ServerDescription;
import io.wirehub.server.stats.ServerTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fills /varz from a running server's settings and counters. */
final class VarzBuilder {
    /** Wirehub offers no clustering, gateways, leaf nodes or MQTT: their blocks stay empty. */
    private static final Map<String, Object> NONE = Map.of();

    private VarzBuilder() {
    }

    static Varz build(ServerView server, int httpPort, Map<String, Long> httpRequests, Instant now) {
        ServerConfig config = server.config();
        ServerTotals stats = server.totals();
        ServerDescription description = server.description();
        int cores = Runtime.getRuntime().availableProcessors();
        return new Varz(description.serverId(), description.serverName(), description.protocolVersion(),
                description.version(), 1,
                "java" + Runtime.version().feature(), config.host(), server.clientPort(), server.authRequired(),
                config.tls().enabled() && !config.allowNonTls(), config.tls().enabled() && config.tls().verifiesClients(),
                config.maxConnections(), config.maxSubscriptions(), config.pingInterval().toNanos(), config.pingMax(),
                config.monitoring().host(), config.monitoring().https() ? 0 : httpPort, "",
                config.monitoring().https() ? httpPort : 0, seconds(config.authTimeout()), config.maxControlLine(),
                config.maxPayload(), config.maxPending(), NONE, NONE, NONE, NONE, webSocket(config, server.webSocketPort()),
                jetStream(server.jetStream()),
                seconds(config.tls().timeout()),
                config.writeDeadline().toNanos(), description.startedAt().toString(), now.toString(),
                GoFormat.uptime(Duration.between(description.startedAt(), now)), ProcessFigures.residentBytes(), config.memoryLimit(), cores,
                cores, ProcessFigures.cpuPercent(), server.connectionCount(), stats.totalConnections(), 0, 0, server.leafConnections().size(),
                stats.inMessages(), stats.outMessages(), stats.inBytes(), stats.outBytes(), stats.slowConsumers(),
                server.subscriptionCount(), httpRequests, server.configLoadedAt().toString(),
                server.systemAccount() == null ? "" : server.systemAccount(),
                slowConsumerStats(stats.slowConsumers()));
    }

    /**
     * nats-server's jetstream section, {@code {config, stats}}, each field as its Go struct tags
     * say (omitempty on store_dir, sync_interval, sync_always, domain, compress_ok, unique_tag);
     * empty when JetStream is off.
     */
    private static Map<String, Object> jetStream(JetStreamStats js) {
        if (js == null) {
            return NONE;
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("config", jetStreamConfig(js));
        section.put("stats", jetStreamStats(js));
        return section;
    }

    /** nats-server's JetStreamConfig (/varz jetstream.config, /jsz config). */
    static Map<String, Object> jetStreamConfig(JetStreamStats js) {
        JetStreamStats.Settings s = js.settings();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_memory", s.maxMemory());
        config.put("max_storage", s.maxStore());
        putIfSet(config, "store_dir", s.storeDir());
        if (s.syncIntervalNanos() != 0) {
            config.put("sync_interval", s.syncIntervalNanos());
        }
        if (s.syncAlways()) {
            config.put("sync_always", true);
        }
        putIfSet(config, "domain", s.domain());
        if (s.compressOk()) {
            config.put("compress_ok", true);
        }
        putIfSet(config, "unique_tag", s.uniqueTag());
        return config;
    }

    /** nats-server's JetStreamStats (/varz jetstream.stats, the head of /jsz); zeros when off (null). */
    static Map<String, Object> jetStreamStats(JetStreamStats js) {
        JetStreamStats.Counts c = js == null ? new JetStreamStats.Counts(0, 0, 0, 0, 0, 0, 0, 0) : js.snapshot();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("memory", c.memory());
        stats.put("storage", c.storage());
        stats.put("reserved_memory", c.reservedMemory());
        stats.put("reserved_storage", c.reservedStorage());
        stats.put("accounts", c.accounts());
        stats.put("ha_assets", c.haAssets());
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("total", c.apiTotal());
        api.put("errors", c.apiErrors());
        stats.put("api", api);
        return stats;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    /**
     * nats-server's websocket section: host and port always (empty when off), the rest only when
     * set, in its field order.
     */
    private static Map<String, Object> webSocket(ServerConfig config, int boundPort) {
        WebSocketConfig ws = config.websocket();
        if (!ws.enabled()) {
            return NONE;
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("host", ws.host());
        section.put("port", boundPort);
        section.put("handshake_timeout", ws.handshakeTimeout().toNanos());
        if (ws.noTls()) {
            section.put("no_tls", true);
        }
        if (ws.sameOrigin()) {
            section.put("same_origin", true);
        }
        if (!ws.allowedOrigins().isEmpty()) {
            section.put("allowed_origins", ws.allowedOrigins());
        }
        if (ws.compression()) {
            section.put("compression", true);
        }
        return section;
    }

    /** nats-server 2.10's order: clients, routes, gateways, leafs. */
    private static Map<String, Long> slowConsumerStats(long clients) {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("clients", clients);
        stats.put("routes", 0L);
        stats.put("gateways", 0L);
        stats.put("leafs", 0L);
        return stats;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
