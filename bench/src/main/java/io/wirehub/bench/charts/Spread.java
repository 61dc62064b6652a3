package io.wirehub.bench.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Median and range of the rounds of one figure. The median rather than the mean, because one round
 * disturbed by the machine (a GC pause, another process) should not move the bar; the whisker shows
 * that round instead.
 */
record Spread(double median, double min, double max) {

    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Spread(median, sorted.getFirst(), sorted.getLast());
    }

    /** Whether the rounds differ at all (a whisker of zero length is not drawn). */
    boolean hasRange() {
        return max > min;
    }
}
