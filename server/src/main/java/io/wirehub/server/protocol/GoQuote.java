package io.wirehub.server.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Quotes bytes the way Go's {@code %q} does, because nats-server puts subjects in its permission
 * error texts that way and clients parse those texts: double quotes, backslash escapes for quotes,
 * backslashes and control characters, {@code \xNN} for bytes that are not valid UTF-8.
 */
public final class GoQuote {
    private GoQuote() {
    }

    public static String quote(byte[] buf, int offset, int length) {
        StringBuilder out = new StringBuilder(length + 2).append('"');
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int runeLength = utf8Length(buf, i, end);
            if (runeLength < 0) {
                out.append(String.format("\\x%02x", buf[i] & 0xff));
                i++;
                continue;
            }
            String rune = new String(buf, i, runeLength, StandardCharsets.UTF_8);
            appendRune(out, rune.codePointAt(0));
            i += runeLength;
        }
        return out.append('"').toString();
    }

    public static String quote(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return quote(bytes, 0, bytes.length);
    }

    private static void appendRune(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case 0x0b -> out.append("\\v");
            default -> {
                if (codePoint < 0x20 || codePoint == 0x7f) {
                    out.append(String.format("\\x%02x", codePoint));
                } else if (!Character.isDefined(codePoint) || Character.getType(codePoint) == Character.FORMAT
                        || Character.isISOControl(codePoint)) {
                    out.append(codePoint > 0xffff ? String.format("\\U%08x", codePoint)
                            : String.format("\\u%04x", codePoint));
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
        }
    }

    /** Length of the valid UTF-8 sequence starting at {@code i}, or -1 when it is not valid. */
    private static int utf8Length(byte[] buf, int i, int end) {
        int b = buf[i] & 0xff;
        int length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : -1;
        if (length <= 1 || i + length > end) {
            return i + length > end ? -1 : length;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer decoded = decoder.decode(ByteBuffer.wrap(buf, i, length));
            return decoded.length() > 0 ? length : -1;
        } catch (CharacterCodingException e) {
            return -1;
        }
    }
}
