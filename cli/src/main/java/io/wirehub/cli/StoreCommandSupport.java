package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the {@code kv} and {@code object} verbs share: connecting, error texts, natscli's sizes and times. */
final class StoreCommandSupport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private StoreCommandSupport() {
    }

    static Connection connect(ConnectionOptions connection, String name) {
        return FileCommandSupport.connect(connection, name);
    }

    /** A store call's failure as one line: the server's JetStream error text, or the I/O problem. */
    static UserFacingException failure(Exception e) {
        // jnats wraps some API errors (reading a bucket that is not there) in a RuntimeException.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api) {
                return new UserFacingException(api.getErrorDescription() + " (" + api.getApiErrorCode() + ")", e);
            }
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return new UserFacingException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        return new UserFacingException(e.toString(), e);
    }

    /** natscli's byte sizes: a number with an optional K, M, G, T suffix (powers of 1024), or -1. */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("-1")) {
            return -1;
        }
        long unit = 1;
        String digits = t.endsWith("B") ? t.substring(0, t.length() - 1) : t;
        if (digits.endsWith("I")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        if (!digits.isEmpty()) {
            char last = digits.charAt(digits.length() - 1);
            int power = "KMGT".indexOf(last) + 1;
            if (power > 0) {
                unit = 1L << (10 * power);
                digits = digits.substring(0, digits.length() - 1);
            }
        }
        try {
            return Long.parseLong(digits.trim()) * unit;
        } catch (NumberFormatException e) {
            throw new UserFacingException("invalid size \"" + text + "\"");
        }
    }

    /** Sizes as natscli prints them (humanize.IBytes): 0 B, 1023 B, 1.0 KiB, 2.5 MiB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[i]);
    }

    static String time(ZonedDateTime t) {
        return t == null ? "" : TIME.format(t.withZoneSameInstant(ZoneOffset.UTC));
    }

    /** natscli's Base64IfNotPrintable: printable ASCII as is, anything else base64. */
    static String printable(byte[] value) {
        for (byte b : value) {
            // unicode.IsPrint over ASCII: 0x20..0x7E (a newline or tab is not printable).
            if (b < 0x20 || b > 0x7E) {
                return java.util.Base64.getEncoder().encodeToString(value);
            }
        }
        return new String(value, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
