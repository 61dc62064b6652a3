package io.wirehub.server.monitor;

import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.WebSocketConfig;
import io.wirehub.server.stats.ServerDescription;
import io.wirehub.server.stats.ServerTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fills /varz from a running server's settings and counters. */
final class VarzBuilder {
    /** Wirehub offers no clustering, gateways, leaf nodes, MQTT or JetStream: their blocks stay empty. */
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
                config.maxPayload(), config.maxPending(), NONE, NONE, NONE, NONE, NONE, webSocket(config, server.webSocketPort()),
                seconds(config.tls().timeout()),
                config.writeDeadline().toNanos(), description.startedAt().toString(), now.toString(),
                GoFormat.uptime(Duration.between(description.startedAt(), now)), ProcessFigures.residentBytes(), cores,
                cores, ProcessFigures.cpuPercent(), server.connectionCount(), stats.totalConnections(), 0, 0, 0,
                stats.inMessages(), stats.outMessages(), stats.inBytes(), stats.outBytes(), stats.slowConsumers(),
                server.subscriptionCount(), httpRequests, server.configLoadedAt().toString(),
                server.systemAccount() == null ? "" : server.systemAccount(),
                slowConsumerStats(stats.slowConsumers()));
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
