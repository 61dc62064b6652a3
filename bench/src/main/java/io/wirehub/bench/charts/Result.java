package io.wirehub.bench.charts;

import java.util.List;

/**
 * One entry of the side-by-side results file: the per-round values of one figure, measured on one
 * server in one scenario.
 *
 * @param curve  the curve this entry is a point of, or {@code null} for a plain scenario (a bar chart)
 * @param xLabel what {@code x} counts, for the curve's x axis (only for curve points)
 * @param x      the point's position on the curve (only for curve points, otherwise NaN)
 * @param values one value per round; the charts show their median and their min–max range
 */
record Result(String scenario, String curve, String xLabel, double x, String figure, String unit,
              boolean higherIsBetter, String server, List<Double> values) {

    Result {
        values = List.copyOf(values);
    }

    boolean isCurvePoint() {
        return curve != null;
    }

    Spread spread() {
        return Spread.of(values);
    }
}
