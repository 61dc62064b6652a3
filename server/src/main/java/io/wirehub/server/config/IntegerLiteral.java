package io.wirehub.server.config;

import java.util.Locale;

/**
 * Integers as the NATS format writes them: optional minus, digits, and an optional size suffix.
 * A bare letter is decimal ({@code 1k} = 1,000, {@code 1m} = 1,000,000); a letter followed by
 * {@code b}, {@code i} or {@code ib} is binary ({@code 1kb} = {@code 1ki} = {@code 1kib} = 1,024,
 * {@code 64MB} = 67,108,864). Letters go up through k, m, g, t, p, e; case does not matter.
 */
final class IntegerLiteral {
    private static final String MAGNITUDES = "kmgtpe";

    private IntegerLiteral() {
    }

    /** True for a character that starts a size suffix. */
    static boolean isSuffixStart(int c) {
        return c != TextCursor.END && MAGNITUDES.indexOf(Character.toLowerCase((char) c)) >= 0;
    }

    /** True for a character that may follow the magnitude letter ({@code b}, {@code i}). */
    static boolean isSuffixContinuation(int c) {
        return c == 'b' || c == 'B' || c == 'i' || c == 'I';
    }

    /**
     * The value of {@code text}, e.g. {@code "-2"}, {@code "8k"}, {@code "64MiB"}.
     *
     * @throws IllegalArgumentException naming the problem: not a number, an unknown suffix, or a
     *                                  value outside the 64-bit range
     */
    static long parse(String text) {
        int digitsEnd = text.startsWith("-") ? 1 : 0;
        while (digitsEnd < text.length() && TextCursor.isDigit(text.charAt(digitsEnd))) {
            digitsEnd++;
        }
        long number;
        try {
            number = Long.parseLong(text.substring(0, digitsEnd));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(isDigitsOnly(text, digitsEnd)
                    ? "integer '" + text + "' is out of range"
                    : "expected an integer, but got '" + text + "'");
        }
        long multiplier = multiplier(text.substring(digitsEnd).toLowerCase(Locale.ROOT), text);
        try {
            return Math.multiplyExact(number, multiplier);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("integer '" + text + "' is out of range");
        }
    }

    private static boolean isDigitsOnly(String text, int digitsEnd) {
        return digitsEnd > (text.startsWith("-") ? 1 : 0);
    }

    private static long multiplier(String suffix, String text) {
        if (suffix.isEmpty()) {
            return 1;
        }
        int power = MAGNITUDES.indexOf(suffix.charAt(0)) + 1;
        String rest = suffix.substring(1);
        if (power == 0 || !(rest.isEmpty() || rest.equals("b") || rest.equals("i") || rest.equals("ib"))) {
            throw new IllegalArgumentException("unknown size suffix in '" + text
                    + "' (use k, kb, m, mb, g, gb, t, tb, p, pb, e or eb)");
        }
        long base = rest.isEmpty() ? 1000 : 1024;
        long multiplier = 1;
        for (int i = 0; i < power; i++) {
            multiplier *= base;
        }
        return multiplier;
    }
}
