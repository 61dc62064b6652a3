package io.wirehub.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Round-trip times in nanoseconds, turned into the percentiles the table shows (in µs). */
final class LatencyFigures {
    private LatencyFigures() {
    }

    /** A histogram for one thread's samples, up to a minute. */
    static Histogram histogram() {
        return new Histogram(60_000_000_000L, 3);
    }

    static List<Scenario.Figure> of(Histogram histogram) {
        List<Scenario.Figure> figures = new ArrayList<>();
        figures.add(Scenario.Figure.latency("p50", histogram.getValueAtPercentile(50) / 1e3));
        figures.add(Scenario.Figure.latency("p90", histogram.getValueAtPercentile(90) / 1e3));
        figures.add(Scenario.Figure.latency("p99", histogram.getValueAtPercentile(99) / 1e3));
        figures.add(Scenario.Figure.latency("p99.9", histogram.getValueAtPercentile(99.9) / 1e3));
        figures.add(Scenario.Figure.latency("max", histogram.getMaxValue() / 1e3));
        return figures;
    }

    /** The percentiles plus the rate of round trips over the whole run. */
    static List<Scenario.Figure> withRate(Histogram histogram, double seconds, String unit) {
        List<Scenario.Figure> figures = new ArrayList<>(of(histogram));
        figures.add(Scenario.Figure.throughput(unit, histogram.getTotalCount() / seconds));
        return figures;
    }
}
