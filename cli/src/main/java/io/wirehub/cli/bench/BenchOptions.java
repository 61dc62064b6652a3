package io.wirehub.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags of every {@code wirehub bench} load, as {@code nats bench} names them. */
public final class BenchOptions {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "1",
            description = "Publishers, requesters or connecting clients (default ${DEFAULT-VALUE}).")
    int clients = 1;

    @Option(names = "--subs", paramLabel = "N", defaultValue = "1",
            description = "Subscribers, for sub and pubsub (default ${DEFAULT-VALUE}).")
    int subs = 1;

    @Option(names = "--msgs", paramLabel = "N", defaultValue = "100000",
            description = "Messages (or requests, or connections) in all (default ${DEFAULT-VALUE}).")
    long msgs = 100_000;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "128", converter = SizeConverter.class,
            description = "Payload size: 16, 1KB, 64KiB... (default ${DEFAULT-VALUE}).")
    int size = 128;

    @Option(names = "--no-progress", description = "No progress bar (it only shows when stderr is a terminal).")
    boolean noProgress;

    @Option(names = "--json", description = "Print the results as JSON instead of text.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Write the latencies (req, connect) or rates as a chart: an .html page.")
    Path plot;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Save each client's figures to FILE as CSV, in nats bench's columns.")
    Path csv;

    public Path csv() {
        return csv;
    }

    public int clients() {
        return clients;
    }

    public int subs() {
        return subs;
    }

    public long msgs() {
        return msgs;
    }

    public int size() {
        return size;
    }

    public boolean noProgress() {
        return noProgress;
    }

    public boolean json() {
        return json;
    }

    public Path plot() {
        return plot;
    }
}
