package io.wirehub.cli.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One bench run: what each client did, and the latencies in microseconds for loads that time
 * each operation (req, connect), else null.
 */
public record BenchResult(String load, String subject, int size, List<ClientRate> clients, Histogram latencies) {

    /** The clients of one role (pub, sub, req, connect). */
    public List<ClientRate> role(String role) {
        return clients.stream().filter(c -> c.role().equals(role)).toList();
    }

    /** All of a role's messages over the span from the first client's start to the last one's end. */
    public double aggregateRate(String role) {
        List<ClientRate> of = role(role);
        long messages = of.stream().mapToLong(ClientRate::messages).sum();
        long nanos = of.stream().mapToLong(ClientRate::nanos).max().orElse(0);
        return nanos == 0 ? 0 : messages / (nanos / 1e9);
    }

    public double aggregateMegabytes(String role) {
        List<ClientRate> of = role(role);
        long bytes = of.stream().mapToLong(ClientRate::bytes).sum();
        long nanos = of.stream().mapToLong(ClientRate::nanos).max().orElse(0);
        return nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
    }
}
