package io.wirehub.bench;

import java.util.List;

/** One load, run against one server, reporting one or more figures. */
interface Scenario {
    /** A short label for the table, e.g. "pub/sub 1→1 16 B (jnats)". */
    String name();

    /**
     * Runs the load once.
     *
     * @param scale 1.0 for a full run, smaller for warm-up or quick runs
     */
    List<Figure> run(BenchServer server, double scale) throws Exception;

    /** Whether the server offers what this load needs (nats-server has no Unix socket). */
    default boolean runsOn(BenchServer server) {
        return true;
    }

    /** Whether the servers must run with JetStream (-js and a store directory) for this load. */
    default boolean needsJetStream() {
        return false;
    }

    /**
     * Whether the servers must run JetStream with {@code sync_interval: always} (every PubAck only
     * after an fsync); such loads get a server pair of their own.
     */
    default boolean needsSyncAlways() {
        return false;
    }

    /** Where this load sits on a cost curve, or null for a load of its own. */
    default CurvePoint curvePoint() {
        return null;
    }

    /**
     * A point of a cost curve: loads that differ in one quantity (connections, subscriptions,
     * subscribers) share a curve name and are plotted by {@code x}.
     */
    record CurvePoint(String curve, String xLabel, double x) {
    }

    /** One measured number. */
    record Figure(String name, String unit, boolean higherIsBetter, double value) {
        static Figure throughput(String unit, double value) {
            return new Figure(unit, unit, true, value);
        }

        static Figure latency(String name, double micros) {
            return new Figure(name, "µs", false, micros);
        }
    }
}
