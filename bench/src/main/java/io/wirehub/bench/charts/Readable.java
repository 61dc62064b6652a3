package io.wirehub.bench.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as a reader takes them in at a glance: three significant digits and a k/M/G suffix
 * (4.47 M, 350, 2.1 k), since the charts compare magnitudes and the exact figures are in the table.
 */
final class Readable {
    private static final String[] SUFFIXES = {"", " k", " M", " G", " T"};

    private Readable() {
    }

    static String number(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        // Round to three significant digits first, so that 999,600 becomes 1 M and not 1000 k.
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN));
        int group = 0;
        while (group < SUFFIXES.length - 1 && rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            rounded = rounded.movePointLeft(3);
            group++;
        }
        return plain(rounded) + SUFFIXES[group];
    }

    /** A ratio such as 1.49× (two decimals: ratios near 1 are the interesting ones). */
    static String ratio(double ratio) {
        if (ratio >= 100) {
            return number(ratio) + "×";
        }
        return plain(new BigDecimal(ratio).setScale(2, RoundingMode.HALF_EVEN)) + "×";
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped).toPlainString();
    }
}
