package io.wirehub.cli;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How natscli prints values in its info views (its {@code columns.F}): numbers with thousands
 * commas, durations humanized ({@code 30.00s}, {@code 1m5s}, {@code never}), times in local time.
 */
final class NatsFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private NatsFormat() {
    }

    /** humanize.Comma: 1234567 as 1,234,567. */
    static String comma(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** natscli's HumanizeDuration. A null duration is Go's saturated "since the zero time": never. */
    static String duration(Duration d) {
        if (d == null) {
            return "never";
        }
        long nanos = d.toNanos();
        if (nanos < 1_000_000) {
            return goString(Duration.ofNanos(Math.round(nanos / 1000.0) * 1000));
        }
        if (nanos < 1_000_000_000) {
            return goString(Duration.ofMillis(Math.round(nanos / 1_000_000.0)));
        }
        long secs = d.toSeconds();
        long mins = secs / 60;
        long hrs = mins / 60;
        long days = hrs / 24;
        long years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hrs % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hrs % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (hrs > 0) {
            return hrs + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (mins > 0) {
            return mins + "m" + secs % 60 + "s";
        }
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }

    /** Go's time.Duration.String(): 0s, 1.5ms, 30s, 1m30s, 2h0m0s. */
    static String goString(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        n = Math.abs(n);
        if (n < 1000) {
            return sign + n + "ns";
        }
        if (n < 1_000_000) {
            return sign + trim(n / 1e3) + "µs";
        }
        if (n < 1_000_000_000) {
            return sign + trim(n / 1e6) + "ms";
        }
        long h = n / 3_600_000_000_000L;
        long m = n / 60_000_000_000L % 60;
        double s = (n % 60_000_000_000L) / 1e9;
        StringBuilder sb = new StringBuilder(sign);
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(trim(s)).append('s').toString();
    }

    private static String trim(double v) {
        String s = new java.math.BigDecimal(v).setScale(9, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
        return s;
    }

    /** A time in the local zone, as natscli's F(time.Time). */
    static String time(ZonedDateTime t) {
        return t == null ? "" : TIME.format(t.withZoneSameInstant(ZoneId.systemDefault()));
    }

    /** Go's time.Time.String() as the server's UTC times print: {@code 2026-01-02 03:04:05.5 +0000 UTC}. */
    static String goTime(ZonedDateTime t) {
        ZonedDateTime utc = t.withZoneSameInstant(java.time.ZoneOffset.UTC);
        String fraction = utc.getNano() == 0 ? "" : ("." + String.format(Locale.ROOT, "%09d", utc.getNano()))
                .replaceAll("0+$", "");
        return TIME.format(utc) + fraction + " +0000 UTC";
    }

    /** natscli's sinceRefOrNow: how long before the reference (the server's timestamp, else now). */
    static Duration since(ZonedDateTime reference, ZonedDateTime t) {
        if (t == null) {
            return null;
        }
        ZonedDateTime ref = reference == null ? ZonedDateTime.now() : reference;
        return Duration.between(t, ref);
    }
}
