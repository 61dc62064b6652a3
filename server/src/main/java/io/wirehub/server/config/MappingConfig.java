package io.wirehub.server.config;

import java.util.List;
import java.util.Objects;

/**
 * One subject mapping ({@code mappings { source: destination }}): messages published to the source
 * go to one of the destinations, picked by weight.
 *
 * @param plain written as {@code source: "destination"} rather than as weighted destinations
 * @param where {@code file:line}, or ""
 */
public record MappingConfig(String source, List<Destination> destinations, boolean plain, String where) {
    /**
     * A destination subject (may use the mapping functions) and its weight in percent.
     *
     * @param cluster the cluster it applies in, or null (a single server has no cluster name, so
     *                such a destination is never chosen, as with nats-server)
     */
    public record Destination(String subject, int weight, String cluster) {
        public Destination(String subject, int weight) {
            this(subject, weight, null);
        }
    }

    public MappingConfig {
        Objects.requireNonNull(source, "source");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(where, "where");
    }

    /** {@code source: destination}: every message goes there. */
    public static MappingConfig to(String source, String destination) {
        return new MappingConfig(source, List.of(new Destination(destination, 100)), true, "");
    }
}
