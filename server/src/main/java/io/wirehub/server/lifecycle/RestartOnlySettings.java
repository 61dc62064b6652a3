package io.wirehub.server.lifecycle;

import io.wirehub.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Settings a running server keeps until restarted: a reload reports their changes instead. */
public final class RestartOnlySettings {
    private RestartOnlySettings() {
    }

    public static List<String> changed(ServerConfig running, ServerConfig next) {
        List<String> changed = new ArrayList<>();
        check(changed, "listen address", running, next, c -> c.host() + ":" + c.port());
        check(changed, "server_name", running, next, ServerConfig::serverName);
        check(changed, "max_payload", running, next, ServerConfig::maxPayload);
        check(changed, "max_control_line", running, next, ServerConfig::maxControlLine);
        check(changed, "max_pending", running, next, ServerConfig::maxPending);
        check(changed, "max_connections", running, next, ServerConfig::maxConnections);
        check(changed, "max_subscriptions", running, next, ServerConfig::maxSubscriptions);
        check(changed, "ping_interval", running, next, ServerConfig::pingInterval);
        check(changed, "ping_max", running, next, ServerConfig::pingMax);
        check(changed, "write_deadline", running, next, ServerConfig::writeDeadline);
        check(changed, "http (monitoring)", running, next, ServerConfig::monitoring);
        check(changed, "no_header_support", running, next, ServerConfig::noHeaderSupport);
        check(changed, "tls", running, next, ServerConfig::tls);
        check(changed, "allow_non_tls", running, next, ServerConfig::allowNonTls);
        check(changed, "socket_options", running, next, ServerConfig::socketOptions);
        check(changed, "unix", running, next, ServerConfig::unix);
        check(changed, "udp", running, next, ServerConfig::udp);
        check(changed, "websocket", running, next, ServerConfig::websocket);
        check(changed, "accounts (exports, imports, mappings, limits)", running, next, ServerConfig::accounts);
        check(changed, "jetstream", running, next, ServerConfig::jetstream);
        check(changed, "leafnodes", running, next, ServerConfig::leafNodes);
        return changed;
    }

    private static void check(List<String> changed, String name, ServerConfig a, ServerConfig b,
                              Function<ServerConfig, Object> setting) {
        if (!Objects.equals(setting.apply(a), setting.apply(b))) {
            changed.add(name);
        }
    }
}
