package io.wirehub.server.config;

/**
 * The file name after {@code include}: quoted with {@code '} or {@code "} (taken verbatim), or
 * unquoted up to a blank, a line break, {@code ;} or {@code }}. Like nats-server, it refuses
 * what looks like a value instead (a number, a map, a list).
 */
final class IncludeName {
    private IncludeName() {
    }

    static String read(TextCursor in) {
        SourcePosition at = in.position();
        int c = in.peek();
        if (c == '"' || c == '\'') {
            return quoted(in, at);
        }
        if (c == TextCursor.END || TextCursor.isLineBreak(c) || c == '[' || c == '{' || c == '('
                || c == '-' || c == '\\' || TextCursor.isDigit(c)) {
            throw new ConfigSyntaxException(at, "expected an include file name but found " + TextCursor.show(c));
        }
        StringBuilder name = new StringBuilder();
        while (!endsUnquoted(in.peek())) {
            if (in.peek() == '\'') {
                in.next();
                break;
            }
            name.append((char) in.next());
        }
        return name.toString();
    }

    private static String quoted(TextCursor in, SourcePosition at) {
        int quote = in.next();
        StringBuilder name = new StringBuilder();
        while (in.peek() != quote) {
            if (in.atEnd()) {
                throw new ConfigSyntaxException(at, "include file name opened with " + (char) quote + " is not closed");
            }
            name.append((char) in.next());
        }
        in.next();
        return name.toString();
    }

    private static boolean endsUnquoted(int c) {
        return c == TextCursor.END || TextCursor.isLineBreak(c) || TextCursor.isBlank(c) || c == ';' || c == '}';
    }
}
