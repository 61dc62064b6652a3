package io.wirehub.server.auth;

import io.wirehub.server.config.LimitsConfig;
import io.wirehub.server.config.ServerConfig;
import java.time.Duration;

/**
 * What a server currently enforces: who may connect, with which permissions, at which rates.
 * Immutable; a config reload swaps in a new one and re-checks the open connections against it.
 *
 * @param authTimeout how long an unauthenticated connection may wait before sending CONNECT
 */
public record SecurityPolicy(Authenticator authenticator, LimitsConfig limits, Duration authTimeout) {

    /** Compiles the security parts of a config (nkeys are decoded here, and refused if bad). */
    public static SecurityPolicy of(ServerConfig config) {
        return new SecurityPolicy(Authenticators.of(config.authorization(), config.tls().verifyAndMap()), config.limits(), config.authTimeout());
    }

    /** The security parts of a config in operator mode: users come from JWTs, not the config. */
    public static SecurityPolicy of(ServerConfig config, Authenticator operatorMode) {
        return new SecurityPolicy(operatorMode, config.limits(), config.authTimeout());
    }

    /** A fresh per-connection limiter, or null when connections are not rate-limited. */
    public PublishLimiter newConnectionLimiter() {
        return PublishLimiter.of(limits.perConnection());
    }
}
