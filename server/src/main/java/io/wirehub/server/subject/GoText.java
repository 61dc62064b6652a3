package io.wirehub.server.subject;

/**
 * The few Go library behaviours a mapping's result depends on, written out because Java's
 * look-alikes differ at the edges: {@code Integer.parseInt} takes non-ASCII digits, Java has no
 * UTF-8 view of a String, and {@code %q} quoting has its own escapes. Strings here follow the
 * server's convention: one char per byte.
 */
final class GoText {
    private GoText() {
    }

    /**
     * strconv.Atoi on a 64-bit platform: an optional sign, then ASCII digits only, within a Go int.
     *
     * @throws NumberFormatException where Atoi returns an error
     */
    static long atoi(String text) {
        int i = 0;
        if (!text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            i = 1;
        }
        if (i == text.length()) {
            throw new NumberFormatException(text);
        }
        for (int k = i; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
        }
        return Long.parseLong(text); // digits checked; this only adds the range check
    }

    /** strings.Trim(text, " "): spaces only, not other whitespace. */
    static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * How many bytes the UTF-8 sequence at {@code i} takes, as Go's utf8.DecodeRuneInString counts
     * them: a valid sequence is one unit, every byte of an invalid one is a unit of its own.
     */
    static int utf8Length(String bytes, int i, int end) {
        int b0 = bytes.charAt(i) & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int need;
        int low = 0x80;
        int high = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            if (b0 == 0xE0) {
                low = 0xA0;
            } else if (b0 == 0xED) {
                high = 0x9F; // no surrogates
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            if (b0 == 0xF0) {
                low = 0x90;
            } else if (b0 == 0xF4) {
                high = 0x8F;
            }
        } else {
            return 1;
        }
        if (i + need >= end) {
            return 1; // cut short: Go reads the first byte alone
        }
        int b1 = bytes.charAt(i + 1) & 0xFF;
        if (b1 < low || b1 > high) {
            return 1;
        }
        for (int k = 2; k <= need; k++) {
            int b = bytes.charAt(i + k) & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return 1;
            }
        }
        return need + 1;
    }

    /**
     * Go's %q for the texts nats-server quotes in its errors: ASCII exactly as strconv.Quote writes
     * it; bytes above ASCII kept when they form valid UTF-8, else written as \xNN. (Go also escapes
     * the non-printable non-ASCII runes; subjects with those are not worth a Unicode table here.)
     */
    static String quote(String bytes) {
        StringBuilder out = new StringBuilder(bytes.length() + 2).append('"');
        int i = 0;
        while (i < bytes.length()) {
            char c = bytes.charAt(i);
            if (c >= 0x80) {
                int n = utf8Length(bytes, i, bytes.length());
                if (n == 1) {
                    hex(out, c);
                } else {
                    out.append(bytes, i, i + n);
                }
                i += n;
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        hex(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
            i++;
        }
        return out.append('"').toString();
    }

    private static void hex(StringBuilder out, char c) {
        out.append("\\x").append(Character.forDigit((c >> 4) & 0xF, 16)).append(Character.forDigit(c & 0xF, 16));
    }
}
