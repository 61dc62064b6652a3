package io.wirehub.bench.charts;

import java.util.ArrayList;
import java.util.List;

/** Tick positions for the two kinds of axis the charts use. */
final class Axis {
    private Axis() {
    }

    /**
     * A linear axis from 0 to a round number at or above {@code max}, with about five ticks at round
     * steps (1, 2, 2.5 or 5 times a power of ten). Starting at 0 keeps bar lengths honest: a bar
     * twice as long is twice the value.
     */
    static List<Double> linearTicks(double max) {
        if (!(max > 0) || !Double.isFinite(max)) {
            max = 1;
        }
        double rough = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = power * 10;
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= rough) {
                step = factor * power;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        int count = (int) Math.ceil(max / step - 1e-9);
        for (int i = 0; i <= count; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /**
     * Decade ticks (1, 10, 100, ...) covering {@code min..max} on a log10 axis, as exponents. A single
     * decade is widened by one on each side, so that a lone point sits in the middle of the axis.
     */
    static int[] decades(double min, double max) {
        int low = (int) Math.floor(Math.log10(min) + 1e-9);
        int high = (int) Math.ceil(Math.log10(max) - 1e-9);
        if (high <= low) {
            low--;
            high++;
        }
        return new int[] {low, high};
    }

    /** A tick label on the log axis: 1, 10, 100, 1k, 10k, 100k, 1M (no spaces: the labels are tight). */
    static String logLabel(double value) {
        return Readable.number(value).replace(" ", "");
    }
}
