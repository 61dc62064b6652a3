package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.BooleanValue;
import io.wirehub.server.config.ConfigValue.DateValue;
import io.wirehub.server.config.ConfigValue.FloatValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one value that is not a map or a list: a quoted or unquoted string, a number, a boolean, a
 * date, a {@code (...)} block string or a {@code $variable} reference.
 *
 * <p>Unquoted values follow nats-server's lexer, quirks included, so a file means the same to
 * both servers: {@code 2s} and {@code 3xyz} are strings, {@code 2m} is the integer 2,000,000,
 * {@code 127.0.0.1:4222} is a string, {@code 1.5} a float, {@code true/yes/on} are booleans in
 * any case, and an unquoted value ends at a blank, a line break, {@code ; , ] }} or a quote.
 */
final class ScalarReader {

    /** What {@link #read()} found: a finished value, or a variable the parser must resolve. */
    sealed interface Scalar permits Literal, VariableReference {
    }

    record Literal(ConfigValue value) implements Scalar {
    }

    record VariableReference(String name, SourcePosition position) implements Scalar {
    }

    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "off");
    /** Unquoted {@code $2a$...} is a bcrypt hash, not a variable (nats-server knows only 2a). */
    private static final Set<String> BCRYPT_PREFIXES = Set.of("$2a$", "$2b$", "$2x$", "$2y$");
    private static final String DATE_TEMPLATE = "0000-00-00T00:00:00Z";

    private final TextCursor in;

    ScalarReader(TextCursor in) {
        this.in = in;
    }

    /** Reads the value starting at the cursor; the caller has ruled out maps, lists and line ends. */
    Scalar read() {
        SourcePosition at = in.position();
        int c = in.peek();
        return switch (c) {
            case '\'' -> new Literal(singleQuoted(at));
            case '"' -> new Literal(doubleQuoted(at));
            case '(' -> new Literal(blockString(at));
            case '-' -> negativeNumber(at);
            default -> TextCursor.isDigit(c) ? numberOrText(at) : unquoted(at);
        };
    }

    /** True for the characters that end an unquoted value or a number. */
    static boolean endsUnquoted(int c) {
        return c == TextCursor.END || TextCursor.isLineBreak(c) || TextCursor.isBlank(c)
                || c == ';' || c == ',' || c == ']' || c == '}';
    }

    /** {@code '...'}: taken exactly as written, line breaks included; no escapes. */
    private StringValue singleQuoted(SourcePosition at) {
        in.next();
        StringBuilder text = new StringBuilder();
        while (in.peek() != '\'') {
            if (in.atEnd()) {
                throw new ConfigSyntaxException(at, "string opened with ' is not closed");
            }
            text.append((char) in.next());
        }
        in.next();
        return new StringValue(text.toString(), at);
    }

    /** {@code "..."}: may span lines; backslash escapes as in {@link #escape}. */
    private StringValue doubleQuoted(SourcePosition at) {
        in.next();
        DecodedText text = new DecodedText();
        while (in.peek() != '"') {
            if (in.atEnd()) {
                throw new ConfigSyntaxException(at, "string opened with \" is not closed");
            }
            if (in.peek() == '\\') {
                escape(text);
            } else {
                text.append(in.next());
            }
        }
        in.next();
        return new StringValue(text.finish(), at);
    }

    /** {@code (} ... a line holding only {@code )}: everything between, verbatim. */
    private StringValue blockString(SourcePosition at) {
        in.next();
        int length = 0;
        while (!closesBlock(length)) {
            if (in.peek(length) == TextCursor.END) {
                throw new ConfigSyntaxException(at, "block opened with '(' has no ')' on a line of its own");
            }
            length++;
        }
        String text = take(length);
        in.next();
        return new StringValue(text, at);
    }

    private boolean closesBlock(int offset) {
        int after = in.peek(offset + 1);
        return in.peek(offset) == ')' && offset > 0 && in.peek(offset - 1) == '\n'
                && (after == '\n' || after == '\r' || after == TextCursor.END);
    }

    /** A value starting with a digit: integer, float, date, IP address, or a string like {@code 2s}. */
    private Scalar numberOrText(SourcePosition at) {
        int digits = digitsFrom(0);
        int after = in.peek(digits);
        if (after == '-') {
            if (digits != 4) {
                throw new ConfigSyntaxException(at, "a date must be in full ISO 8601 Zulu form, "
                        + "e.g. 2016-05-04T18:53:41Z");
            }
            return new Literal(date(at));
        }
        if (after == '.') {
            return new Literal(decimal(at, digits));
        }
        if (IntegerLiteral.isSuffixStart(after)) {
            return sizedIntegerOrText(at, digits);
        }
        return endsUnquoted(after) ? new Literal(integer(at, digits)) : unquoted(at);
    }

    /** {@code -digits}: an integer or a float; nats-server reads no strings that start with '-'. */
    private Scalar negativeNumber(SourcePosition at) {
        if (!TextCursor.isDigit(in.peek(1))) {
            throw new ConfigSyntaxException(at, "expected a digit after '-' but found " + TextCursor.show(in.peek(1)));
        }
        int end = digitsFrom(1);
        int after = in.peek(end);
        if (after == '.') {
            return new Literal(decimal(at, end));
        }
        if (IntegerLiteral.isSuffixStart(after)) {
            return sizedIntegerOrText(at, end);
        }
        // Whatever follows is left for the caller, which reports it if it is not a separator.
        return new Literal(integer(at, end));
    }

    /** {@code 8k}, {@code 64MiB}; but {@code 500ms} or {@code 2mx} continue as strings. */
    private Scalar sizedIntegerOrText(SourcePosition at, int magnitudeIndex) {
        int end = magnitudeIndex + 1;
        while (IntegerLiteral.isSuffixContinuation(in.peek(end))) {
            end++;
        }
        int after = in.peek(end);
        // A digit right after the suffix ends the number too, so "1k2" is rejected as nats-server does.
        if (endsUnquoted(after) || TextCursor.isDigit(after)) {
            return new Literal(integer(at, end));
        }
        return unquoted(at);
    }

    /** Digits, '.', digits: a float; a second '.' makes it an address such as 127.0.0.1:4222. */
    private ConfigValue decimal(SourcePosition at, int dotIndex) {
        if (!TextCursor.isDigit(in.peek(dotIndex + 1))) {
            throw new ConfigSyntaxException(at, "a float needs a digit after '.' but found "
                    + TextCursor.show(in.peek(dotIndex + 1)));
        }
        int end = digitsFrom(dotIndex + 1);
        if (in.peek(end) != '.') {
            return new FloatValue(Double.parseDouble(take(end)), at);
        }
        while (isAddressCharacter(in.peek(end))) {
            end++;
        }
        return new StringValue(take(end), at);
    }

    private static boolean isAddressCharacter(int c) {
        return TextCursor.isDigit(c) || c == '.' || c == ':' || c == '-';
    }

    private IntegerValue integer(SourcePosition at, int length) {
        String text = take(length);
        try {
            return new IntegerValue(IntegerLiteral.parse(text), at);
        } catch (IllegalArgumentException e) {
            throw new ConfigSyntaxException(at, e.getMessage());
        }
    }

    private DateValue date(SourcePosition at) {
        for (int i = 0; i < DATE_TEMPLATE.length(); i++) {
            char expected = DATE_TEMPLATE.charAt(i);
            int c = in.peek(i);
            boolean matches = expected == '0' ? TextCursor.isDigit(c) : c == expected;
            if (!matches) {
                throw new ConfigSyntaxException(at, "expected " + (expected == '0' ? "a digit" : "'" + expected + "'")
                        + " in the ISO 8601 date but found " + TextCursor.show(c));
            }
        }
        String text = take(DATE_TEMPLATE.length());
        try {
            return new DateValue(Instant.parse(text), at);
        } catch (DateTimeParseException e) {
            throw new ConfigSyntaxException(at, "invalid date " + text);
        }
    }

    /** An unquoted string, boolean or variable; backslash escapes work here too. */
    private Scalar unquoted(SourcePosition at) {
        DecodedText text = new DecodedText();
        while (!endsUnquoted(in.peek())) {
            if (in.peek() == '\\') {
                escape(text);
            } else if (in.peek() == '\'') {
                in.next(); // nats-server ends an unquoted value at a quote and drops the quote
                break;
            } else {
                text.append(in.next());
            }
        }
        String value = text.finish();
        if (text.escaped) {
            return new Literal(new StringValue(value, at));
        }
        String word = value.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word) || FALSE_WORDS.contains(word)) {
            return new Literal(new BooleanValue(TRUE_WORDS.contains(word), at));
        }
        if (value.startsWith("$") && !isBcryptHash(value)) {
            return new VariableReference(value.substring(1), at);
        }
        return new Literal(new StringValue(value, at));
    }

    private static boolean isBcryptHash(String value) {
        return value.length() >= 4 && BCRYPT_PREFIXES.contains(value.substring(0, 4));
    }

    /** Consumes a backslash escape: \t \n \r \" \\ or \xHH (a byte; bytes in a row decode as UTF-8). */
    private void escape(DecodedText text) {
        in.next();
        SourcePosition at = in.position();
        int c = in.next();
        switch (c) {
            case 't' -> text.append('\t');
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case '"' -> text.append('"');
            case '\\' -> text.append('\\');
            case 'x' -> text.appendByte(hexByte(at));
            default -> throw new ConfigSyntaxException(at, "invalid escape '\\" + (c == TextCursor.END ? "" : (char) c)
                    + "': only \\xXX, \\t, \\n, \\r, \\\" and \\\\ are allowed");
        }
        text.escaped = true;
    }

    private int hexByte(SourcePosition at) {
        int high = Character.digit(in.peek(), 16);
        int low = Character.digit(in.peek(1), 16);
        if (in.peek() == TextCursor.END || in.peek(1) == TextCursor.END || high < 0 || low < 0) {
            throw new ConfigSyntaxException(at, "expected two hexadecimal digits after '\\x'");
        }
        in.skip(2);
        return high * 16 + low;
    }

    private int digitsFrom(int offset) {
        int end = offset;
        while (TextCursor.isDigit(in.peek(end))) {
            end++;
        }
        return end;
    }

    private String take(int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append((char) in.next());
        }
        return text.toString();
    }

    /** Characters plus {@code \xHH} bytes; a run of bytes is decoded as UTF-8 when text resumes. */
    private static final class DecodedText {
        private final StringBuilder chars = new StringBuilder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean escaped;

        void append(int c) {
            flushBytes();
            chars.append((char) c);
        }

        void appendByte(int b) {
            bytes.write(b);
        }

        String finish() {
            flushBytes();
            return chars.toString();
        }

        private void flushBytes() {
            if (bytes.size() > 0) {
                chars.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
        }
    }
}
