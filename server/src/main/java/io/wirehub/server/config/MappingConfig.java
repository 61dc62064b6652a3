package io.wirehub.server.config;

import java.util.List;
import java.util.Objects;

/**
 * One subject mapping ({@code mappings { source: destination }}): messages published to the source
 * go to one of the destinations, picked by weight.
 *
 * @param where {@code file:line}, or ""
 */
public record MappingConfig(String source, List<Destination> destinations, String where) {
    /** A destination subject (may use the mapping functions) and its weight in percent. */
    public record Destination(String subject, int weight) {
    }

    public MappingConfig {
        Objects.requireNonNull(source, "source");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(where, "where");
    }

    /** {@code source: destination}: every message goes there. */
    public static MappingConfig to(String source, String destination) {
        return new MappingConfig(source, List.of(new Destination(destination, 100)), "");
    }
}
