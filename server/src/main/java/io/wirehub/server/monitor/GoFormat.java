package io.wirehub.server.monitor;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations written the way nats-server's monitoring writes them, so tools that parse its JSON
 * read ours: Go's {@code time.Duration.String()} for RTTs ("250µs", "1.5ms", "2m3.5s") and
 * nats-server's uptime form ("1d2h3m4s").
 */
final class GoFormat {
    private GoFormat() {
    }

    /** nats-server's myUptime: whole seconds, with minutes, hours, days and years as needed. */
    static String uptime(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        long years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (hours > 0) {
            return hours + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds % 60 + "s";
        }
        return seconds + "s";
    }

    /** Go's Duration.String(). */
    static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000) {
            return sign + n + "ns";
        }
        if (n < 1_000_000) {
            return sign + decimal(n, 3) + "µs";
        }
        if (n < 1_000_000_000) {
            return sign + decimal(n, 6) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        long secondNanos = n % 60_000_000_000L;
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(secondNanos, 9)).append('s').toString();
    }

    /** {@code value / 10^scale} with trailing zeros (and a trailing point) dropped. */
    private static String decimal(long value, int scale) {
        BigDecimal number = BigDecimal.valueOf(value, scale).stripTrailingZeros();
        return number.scale() < 0 ? number.setScale(0).toPlainString() : number.toPlainString();
    }

    /** nats-server's RTT rounding: to microseconds between 1 µs and 1 ms. */
    static String rtt(Duration rtt) {
        long nanos = rtt.toNanos();
        if (nanos > 1_000 && nanos < 1_000_000) {
            nanos = nanos / 1_000 * 1_000;
        }
        return duration(Duration.ofNanos(nanos));
    }
}
