package io.wirehub.server.config;

import java.util.ArrayList;
import java.util.List;

/** Rules that span several config values, checked once when a {@link ServerConfig} is built. */
final class ConfigValidator {
    private ConfigValidator() {
    }

    static void validate(ServerConfig c) {
        List<String> problems = new ArrayList<>();
        if (c.port() < -1 || c.port() > 65535) {
            problems.add("port " + c.port() + " is out of range (0-65535, or -1 for any free port)");
        }
        if (c.maxPayload() <= 0) {
            problems.add("max_payload must be positive, got " + c.maxPayload());
        } else if (c.maxPayload() > c.maxPending()) {
            // nats-server refuses this too: a message that can never be queued is a config error.
            problems.add("max_payload (" + c.maxPayload() + ") cannot be higher than max_pending ("
                    + c.maxPending() + ")");
        }
        if (c.maxControlLine() <= 0) {
            problems.add("max_control_line must be positive, got " + c.maxControlLine());
        }
        if (c.maxPending() <= 0) {
            problems.add("max_pending must be positive, got " + c.maxPending());
        }
        if (c.maxConnections() <= 0) {
            problems.add("max_connections must be positive, got " + c.maxConnections());
        }
        if (c.maxSubscriptions() < 0) {
            problems.add("max_subscriptions cannot be negative, got " + c.maxSubscriptions());
        }
        positive(problems, "ping_interval", c.pingInterval());
        if (c.pingMax() <= 0) {
            problems.add("ping_max must be positive, got " + c.pingMax());
        }
        positive(problems, "write_deadline", c.writeDeadline());
        positive(problems, "authorization timeout", c.authTimeout());
        positive(problems, "lame_duck_duration", c.lameDuckDuration());
        if (c.lameDuckGracePeriod().isNegative()) {
            problems.add("lame_duck_grace_period cannot be negative");
        }
        if (c.lameDuckGracePeriod().compareTo(c.lameDuckDuration()) >= 0) {
            problems.add("lame_duck_grace_period (" + c.lameDuckGracePeriod()
                    + ") must be shorter than lame_duck_duration (" + c.lameDuckDuration() + ")");
        }
        if (c.maxClosedClients() < 0) {
            problems.add("max_closed_clients cannot be negative, got " + c.maxClosedClients());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static void positive(List<String> problems, String key, java.time.Duration d) {
        if (d.isZero() || d.isNegative()) {
            problems.add(key + " must be positive, got " + d);
        }
    }
}
