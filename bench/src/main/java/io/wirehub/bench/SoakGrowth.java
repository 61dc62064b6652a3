package io.wirehub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether one figure of the soak stayed flat: the median of the last third of the samples against
 * the median of the second third (the first third is the warm-up: heap sized, classes loaded, pools
 * filled). It grew when the difference passes the bound, which is the larger of a share of the
 * earlier median and an absolute amount (heap +20% or +8 MiB, say): a share alone would flag a
 * small figure's noise, an amount alone a large figure's.
 *
 * @param name     as printed
 * @param unit     the unit the values are printed in ("MiB", or "" for counts)
 * @param scale    what one unit is worth in the values (bytes per MiB, or 1)
 * @param share    the allowed growth as a share of the earlier median (0.2 for 20%)
 * @param absolute the allowed growth in the values' own units
 */
record SoakGrowth(String name, String unit, double scale, double share, double absolute) {
    static final int MIN_SAMPLES = 3;

    static SoakGrowth bytes(String name, double share, int mebibytes) {
        return new SoakGrowth(name, "MiB", 1 << 20, share, mebibytes * (double) (1 << 20));
    }

    static SoakGrowth count(String name, int absolute) {
        return new SoakGrowth(name, "", 1, 0, absolute);
    }

    /** The judgement over the samples in time order. */
    record Verdict(SoakGrowth figure, double earlier, double later, double bound) {
        boolean growing() {
            return later - earlier > bound;
        }

        String describe() {
            SoakGrowth f = figure;
            String limit = f.share > 0
                    ? String.format(Locale.ROOT, "+%.0f%% or +%s", f.share * 100, f.format(f.absolute))
                    : "+" + f.format(f.absolute);
            return String.format(Locale.ROOT, "%-14s %-7s second third %s, last third %s (%+.1f%s; bound %s)",
                    f.name + ":", growing() ? "GROWING" : "flat", f.format(earlier), f.format(later),
                    (later - earlier) / f.scale, f.unit.isEmpty() ? "" : " " + f.unit, limit);
        }
    }

    Verdict judge(List<Double> samples) {
        if (samples.size() < MIN_SAMPLES) {
            throw new IllegalArgumentException(name + ": " + samples.size() + " samples, need at least " + MIN_SAMPLES);
        }
        int third = samples.size() / 3;
        double earlier = median(samples.subList(third, 2 * third));
        double later = median(samples.subList(samples.size() - third, samples.size()));
        return new Verdict(this, earlier, later, Math.max(earlier * share, absolute));
    }

    private String format(double value) {
        return unit.isEmpty() ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f %s", value / scale, unit);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
