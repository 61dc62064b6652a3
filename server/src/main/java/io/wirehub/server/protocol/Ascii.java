package io.wirehub.server.protocol;

/** ASCII number parsing and formatting without allocation. */
public final class Ascii {
    /** nats-server accepts at most 9 digits in a size (999,999,999). */
    private static final int MAX_SIZE_DIGITS = 9;

    private Ascii() {
    }

    /**
     * Parses a size field as nats-server does: 1 to 9 ASCII digits, nothing else.
     *
     * @return the value, or -1 when the field is empty, too long or not all digits
     */
    public static int parseSize(byte[] buf, int offset, int length) {
        if (length == 0 || length > MAX_SIZE_DIGITS) {
            return -1;
        }
        int value = 0;
        for (int i = offset; i < offset + length; i++) {
            int digit = buf[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Number of decimal digits of a non-negative value. */
    public static int digits(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }

    /** Writes the decimal digits of a non-negative value ending just before {@code end}. */
    public static void writeDigits(long value, byte[] dst, int end) {
        int i = end;
        do {
            dst[--i] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value > 0);
    }
}
