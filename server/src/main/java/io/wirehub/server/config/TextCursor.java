package io.wirehub.server.config;

import java.nio.file.Path;

/**
 * Reads config text one character at a time, keeping the line number for error messages. The
 * parser looks ahead with {@link #peek(int)} and only consumes once it knows what it is reading.
 */
final class TextCursor {
    /** What {@link #peek()} returns past the last character. */
    static final int END = -1;

    private final String text;
    private final Path file;
    private int index;
    private int line;

    TextCursor(String text, Path file, int firstLine) {
        // A UTF-8 byte order mark is not part of the config.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.file = file;
        this.line = firstLine;
    }

    int peek() {
        return peek(0);
    }

    /** The character {@code ahead} positions on, without consuming anything. */
    int peek(int ahead) {
        int at = index + ahead;
        return at < text.length() ? text.charAt(at) : END;
    }

    /** Consumes and returns the next character. */
    int next() {
        if (index >= text.length()) {
            return END;
        }
        char c = text.charAt(index++);
        if (c == '\n') {
            line++;
        }
        return c;
    }

    void skip(int count) {
        for (int i = 0; i < count; i++) {
            next();
        }
    }

    boolean atEnd() {
        return index >= text.length();
    }

    SourcePosition position() {
        return new SourcePosition(file, line);
    }

    int line() {
        return line;
    }

    Path file() {
        return file;
    }

    ConfigSyntaxException error(String message) {
        return new ConfigSyntaxException(position(), message);
    }

    /** Skips blanks on this line (space and tab), never a line break. */
    void skipBlanks() {
        while (isBlank(peek())) {
            next();
        }
    }

    /** Skips blanks and line breaks. */
    void skipWhitespace() {
        while (isWhitespace(peek())) {
            next();
        }
    }

    /** Skips whitespace and {@code #} or {@code //} comments, as between entries. */
    void skipWhitespaceAndComments() {
        while (true) {
            skipWhitespace();
            if (!atComment()) {
                return;
            }
            skipToEndOfLine();
        }
    }

    boolean atComment() {
        return peek() == '#' || (peek() == '/' && peek(1) == '/');
    }

    /** Consumes up to, not including, the next line break. */
    void skipToEndOfLine() {
        while (peek() != END && !isLineBreak(peek())) {
            next();
        }
    }

    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r';
    }

    static boolean isWhitespace(int c) {
        return c != END && Character.isWhitespace(c);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** A character as an error message shows it. */
    static String show(int c) {
        return switch (c) {
            case END -> "the end of the file";
            case '\n' -> "a new line";
            case '\r' -> "a carriage return";
            case '\t' -> "a tab";
            default -> "'" + (char) c + "'";
        };
    }
}
