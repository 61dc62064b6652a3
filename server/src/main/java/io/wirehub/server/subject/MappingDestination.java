package io.wirehub.server.subject;

import java.util.Objects;

/**
 * One destination of a weighted mapping, as configured: {@code { dest: subject, weight: 40%,
 * cluster: name }}. Checked when the {@link WeightedMapping} is built, so that the checks run in
 * nats-server's order and report its texts.
 *
 * @param weight percent of the messages, 0 to 100
 * @param cluster the cluster the destination is for, or "" for every server; a server without a
 *     cluster name (Wirehub) uses only the destinations with none
 */
public record MappingDestination(String subject, int weight, String cluster) {
    public MappingDestination {
        Objects.requireNonNull(subject, "subject");
        cluster = cluster == null ? "" : cluster;
    }

    /** A destination for every server. */
    public static MappingDestination of(String subject, int weight) {
        return new MappingDestination(subject, weight, "");
    }

    boolean isClusterScoped() {
        return !cluster.isEmpty();
    }
}
