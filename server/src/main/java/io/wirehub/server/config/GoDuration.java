package io.wirehub.server.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Durations in Go's syntax, which nats-server config files use: a sequence of decimal numbers,
 * each with a unit, such as {@code 2s}, {@code 1h30m}, {@code 500ms} or {@code 1.5h}. Units are
 * ns, us (or µs), ms, s, m and h; an optional sign comes first; {@code 0} alone needs no unit.
 * Like Go, the total must fit in 2^63-1 nanoseconds (about 292 years).
 */
public final class GoDuration {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign
            "\u03bcs", 1_000L, // Greek mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * @throws IllegalArgumentException with a message such as {@code invalid duration "2x"}
     */
    public static Duration parse(String text) {
        String rest = text;
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.startsWith("-");
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (!rest.isEmpty()) {
            int numberEnd = numberEnd(rest);
            String number = rest.substring(0, numberEnd);
            if (number.isEmpty() || number.equals(".")) {
                throw invalid(text);
            }
            int unitEnd = unitEnd(rest, numberEnd);
            String unit = rest.substring(numberEnd, unitEnd);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
            }
            Long unitNanos = NANOS_PER_UNIT.get(unit);
            if (unitNanos == null) {
                throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
            rest = rest.substring(unitEnd);
        }
        nanos = nanos.setScale(0, RoundingMode.DOWN);
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw invalid(text);
        }
        long whole = nanos.longValueExact();
        return Duration.ofNanos(negative ? -whole : whole);
    }

    /** Digits with at most one '.', from the start of {@code s}. */
    private static int numberEnd(String s) {
        int end = 0;
        boolean seenDot = false;
        while (end < s.length() && (TextCursor.isDigit(s.charAt(end)) || (s.charAt(end) == '.' && !seenDot))) {
            seenDot |= s.charAt(end) == '.';
            end++;
        }
        return end;
    }

    private static int unitEnd(String s, int from) {
        int end = from;
        while (end < s.length() && s.charAt(end) != '.' && !TextCursor.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
}
