package io.wirehub.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Rules that span several config values, checked once when a {@link ServerConfig} is built. */
final class ConfigValidator {

    /**
     * One broken rule.
     *
     * @param settings the config-file keys the rule is about, the most likely culprit first; the
     *                 file binder uses them to point at the line that set the value
     * @param message  what is wrong
     */
    record Violation(List<String> settings, String message) {
        Violation(String setting, String message) {
            this(List.of(setting), message);
        }
    }

    private ConfigValidator() {
    }

    static void validate(ServerConfig c) {
        List<Violation> violations = violations(c);
        if (!violations.isEmpty()) {
            throw new ConfigException(violations.stream().map(Violation::message).toList());
        }
    }

    static List<Violation> violations(ServerConfig c) {
        List<Violation> problems = new ArrayList<>();
        if (c.port() < -1 || c.port() > 65535) {
            problems.add(new Violation("port",
                    "port " + c.port() + " is out of range (0-65535, or -1 for any free port)"));
        }
        int http = c.monitoring().port();
        if (http < -1 || http > 65535) {
            problems.add(new Violation("http",
                    "monitoring port " + http + " is out of range (0-65535, or -1 for any free port)"));
        } else if (c.monitoring().enabled() && http == c.port() && c.port() > 0) {
            problems.add(new Violation(List.of("http", "port"),
                    "monitoring port " + http + " is the client port too"));
        }
        if (c.monitoring().enabled() && c.monitoring().https() && !c.tls().enabled()) {
            problems.add(new Violation("http", "TLS cert and key required for HTTPS"));
        }
        if (c.maxPayload() <= 0) {
            problems.add(new Violation("max_payload", "max_payload must be positive, got " + c.maxPayload()));
        } else if (c.maxPayload() > c.maxPending()) {
            // nats-server refuses this too: a message that can never be queued is a config error.
            problems.add(new Violation(List.of("max_payload", "max_pending"), "max_payload (" + c.maxPayload()
                    + ") cannot be higher than max_pending (" + c.maxPending() + ")"));
        }
        if (c.maxControlLine() <= 0) {
            problems.add(new Violation("max_control_line",
                    "max_control_line must be positive, got " + c.maxControlLine()));
        }
        if (c.maxPending() <= 0) {
            problems.add(new Violation("max_pending", "max_pending must be positive, got " + c.maxPending()));
        }
        if (c.maxConnections() <= 0) {
            problems.add(new Violation("max_connections",
                    "max_connections must be positive, got " + c.maxConnections()));
        }
        if (c.maxSubscriptions() < 0) {
            problems.add(new Violation("max_subscriptions",
                    "max_subscriptions cannot be negative, got " + c.maxSubscriptions()));
        }
        positive(problems, "ping_interval", c.pingInterval());
        if (c.pingMax() <= 0) {
            problems.add(new Violation("ping_max", "ping_max must be positive, got " + c.pingMax()));
        }
        positive(problems, "write_deadline", c.writeDeadline());
        positive(problems, "authorization", "authorization timeout", c.authTimeout());
        positive(problems, "lame_duck_duration", c.lameDuckDuration());
        if (c.lameDuckGracePeriod().isNegative()) {
            problems.add(new Violation("lame_duck_grace_period", "lame_duck_grace_period cannot be negative"));
        }
        if (c.lameDuckGracePeriod().compareTo(c.lameDuckDuration()) >= 0) {
            problems.add(new Violation(List.of("lame_duck_grace_period", "lame_duck_duration"),
                    "lame_duck_grace_period (" + c.lameDuckGracePeriod()
                    + ") must be shorter than lame_duck_duration (" + c.lameDuckDuration() + ")"));
        }
        if (c.maxClosedClients() < 0) {
            problems.add(new Violation("max_closed_clients",
                    "max_closed_clients cannot be negative, got " + c.maxClosedClients()));
        }
        if (c.allowNonTls() && !c.tls().enabled()) {
            problems.add(new Violation("allow_non_tls", "allow_non_tls needs a tls block"));
        }
        if (c.allowNonTls() && c.tls().handshakeFirst()) {
            problems.add(new Violation(List.of("allow_non_tls", "tls"),
                    "tls handshake_first cannot be combined with allow_non_tls"));
        }
        if (c.tls().verifyAndMap() && c.authorization().users().isEmpty()) {
            problems.add(new Violation(List.of("tls", "authorization"),
                    "tls verify_and_map needs an authorization users list to map certificates to"));
        }
        if (c.websocket().enabled() && !c.websocket().noTls() && !c.websocket().tls().enabled()) {
            problems.add(new Violation("websocket", "websocket requires TLS configuration"));
        }
        if (c.websocket().enabled() && c.websocket().noTls() && c.websocket().tls().enabled()) {
            problems.add(new Violation("websocket", "websocket takes no_tls or a tls block, not both"));
        }
        if (c.udp().enabled() && c.authorization().required() && c.udp().publishAllowed().isEmpty()) {
            // A datagram carries no credentials and its source address can be forged.
            problems.add(new Violation(List.of("udp", "authorization"), "udp with authorization needs a publish"
                    + " list naming the subjects UDP may publish to (datagrams carry no credentials)"));
        }
        AuthRules.check(c.authorization(), c.tls().verifyAndMap(), problems);
        AccountRules.check(c.accounts(), problems);
        operatorRules(c, problems);
        return problems;
    }

    /** nats-server's validateTrustedOperators: operator mode takes its accounts and users from JWTs only. */
    private static void operatorRules(ServerConfig c, List<Violation> problems) {
        OperatorConfig operator = c.accounts().operator();
        if (!operator.enabled()) {
            if (operator.resolver().type() != OperatorConfig.ResolverConfig.Type.NONE
                    || !operator.preload().isEmpty()) {
                problems.add(new Violation(List.of("resolver", "resolver_preload"),
                        "resolver and resolver_preload need an operator"));
            }
            return;
        }
        if (operator.resolver().type() == OperatorConfig.ResolverConfig.Type.NONE) {
            problems.add(new Violation("operator", "operators require an account resolver to be configured"));
        }
        if (!c.accounts().accounts().isEmpty()) {
            problems.add(new Violation(List.of("accounts", "operator"),
                    "operators do not allow Accounts to be configured directly"));
        }
        if (!c.authorization().users().isEmpty()) {
            problems.add(new Violation(List.of("authorization", "operator"),
                    "operators do not allow users to be configured directly"));
        }
    }

    private static void positive(List<Violation> problems, String key, Duration d) {
        positive(problems, key, key, d);
    }

    private static void positive(List<Violation> problems, String setting, String name, Duration d) {
        if (d.isZero() || d.isNegative()) {
            problems.add(new Violation(setting, name + " must be positive, got " + d));
        }
    }
}
