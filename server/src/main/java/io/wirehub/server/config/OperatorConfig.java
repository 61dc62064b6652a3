package io.wirehub.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Operator (decentralised JWT) mode: the trusted operators' JWTs, where accounts come from (the
 * resolver) and the accounts preloaded into it. Kept as text here: the JWTs are decoded and their
 * signatures checked when the server is wired ({@code auth.OperatorMode}), which reports problems
 * with {@link #where()} / {@link #preloadWhere()}.
 *
 * @param operatorJwts  each {@code operator} entry's JWT (read from its file, or written inline)
 * @param where         where {@code operator} was written ({@code file:line})
 * @param resolver      {@code resolver}, or {@link ResolverConfig#NONE}
 * @param preload       {@code resolver_preload}: account public key to account JWT, in order written
 * @param preloadWhere  where {@code resolver_preload} was written, or ""
 */
public record OperatorConfig(List<String> operatorJwts, String where, ResolverConfig resolver,
                             Map<String, String> preload, String preloadWhere) {
    public static final OperatorConfig NONE = new OperatorConfig(List.of(), "", ResolverConfig.NONE, Map.of(), "");

    public OperatorConfig {
        operatorJwts = List.copyOf(operatorJwts);
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(resolver, "resolver");
        preload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(preload));
        Objects.requireNonNull(preloadWhere, "preloadWhere");
    }

    /** Whether the server runs in operator mode (an {@code operator} is configured). */
    public boolean enabled() {
        return !operatorJwts.isEmpty();
    }

    public OperatorConfig withOperators(List<String> jwts, String at) {
        return new OperatorConfig(jwts, at, resolver, preload, preloadWhere);
    }

    public OperatorConfig withResolver(ResolverConfig r) {
        return new OperatorConfig(operatorJwts, where, r, preload, preloadWhere);
    }

    public OperatorConfig withPreload(Map<String, String> p, String at) {
        return new OperatorConfig(operatorJwts, where, resolver, p, at);
    }

    /**
     * The account resolver: {@code MEMORY} (only preloaded accounts), {@code full} (a directory
     * holding every account's JWT, updated through the system account) or {@code cache} (a directory
     * caching looked-up JWTs).
     *
     * @param dir         the directory of a full or cache resolver, or null
     * @param allowDelete full: whether claims deletes are honoured
     * @param interval    full: how often servers sync (kept for nats-server compatibility; no cluster here)
     * @param limit       the most accounts kept
     * @param ttl         cache: how long a cached JWT is kept
     * @param where       {@code file:line} of the {@code resolver} entry
     */
    public record ResolverConfig(Type type, Path dir, boolean allowDelete, Duration interval, long limit,
                                 Duration ttl, String where) {
        public static final ResolverConfig NONE = new ResolverConfig(Type.NONE, null, false, Duration.ZERO, 0,
                Duration.ZERO, "");

        public enum Type { NONE, MEMORY, FULL, CACHE }

        public ResolverConfig {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(where, "where");
        }

        public static ResolverConfig memory(String where) {
            return new ResolverConfig(Type.MEMORY, null, false, Duration.ZERO, 0, Duration.ZERO, where);
        }
    }
}
