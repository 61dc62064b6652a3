package io.wirehub.server.subject;

/**
 * Subject rules (PROTOCOL.md §6). Subjects are Strings holding raw bytes as ISO-8859-1 chars, one
 * char per byte, so any UTF-8 subject round-trips unchanged. Tokens are separated by '.'; a token
 * is a wildcard only when it is exactly {@code *} (one token) or {@code >} (one or more trailing
 * tokens, last only).
 */
public final class Subjects {
    private Subjects() {
    }

    /** Valid for SUB: non-empty tokens, {@code >} only as the last token, no whitespace. */
    public static boolean isValidSubscribeSubject(String subject) {
        return check(subject, true);
    }

    /** Valid as a literal publish subject (pedantic mode): valid and without wildcard tokens. */
    public static boolean isValidLiteralSubject(String subject) {
        return check(subject, false);
    }

    private static boolean check(String subject, boolean wildcardsAllowed) {
        int length = subject.length();
        if (length == 0) {
            return false;
        }
        int tokenStart = 0;
        boolean sawFullWildcard = false;
        for (int i = 0; i <= length; i++) {
            if (i < length) {
                char c = subject.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    return false;
                }
                if (c != '.') {
                    continue;
                }
            }
            int tokenLength = i - tokenStart;
            if (tokenLength == 0 || sawFullWildcard) {
                return false;
            }
            if (tokenLength == 1) {
                char c = subject.charAt(tokenStart);
                if (c == '*' || c == '>') {
                    if (!wildcardsAllowed) {
                        return false;
                    }
                    sawFullWildcard = c == '>';
                }
            }
            tokenStart = i + 1;
        }
        return true;
    }

    /** Whether a subject has a {@code *} or {@code >} token. */
    public static boolean hasWildcard(String subject) {
        int length = subject.length();
        for (int i = 0; i < length; i++) {
            char c = subject.charAt(i);
            if ((c == '*' || c == '>') && (i == 0 || subject.charAt(i - 1) == '.')
                    && (i == length - 1 || subject.charAt(i + 1) == '.')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a literal (publish) subject is matched by a subscription subject. A literal with an
     * empty token matches nothing; wildcard tokens in the literal are plain text here.
     */
    public static boolean matchesLiteral(String literal, String pattern) {
        int li = 0;
        int pi = 0;
        int literalLength = literal.length();
        int patternLength = pattern.length();
        while (true) {
            int literalEnd = tokenEnd(literal, li);
            int patternEnd = tokenEnd(pattern, pi);
            if (literalEnd == li) {
                return false;
            }
            boolean patternIsStar = patternEnd - pi == 1 && pattern.charAt(pi) == '*';
            boolean patternIsTail = patternEnd - pi == 1 && pattern.charAt(pi) == '>';
            if (patternIsTail) {
                return literalTokensNonEmpty(literal, li);
            }
            if (!patternIsStar && !literal.regionMatches(li, pattern, pi, patternEnd - pi)
                    || !patternIsStar && literalEnd - li != patternEnd - pi) {
                return false;
            }
            boolean literalDone = literalEnd >= literalLength;
            boolean patternDone = patternEnd >= patternLength;
            if (literalDone || patternDone) {
                return literalDone && patternDone;
            }
            li = literalEnd + 1;
            pi = patternEnd + 1;
        }
    }

    private static boolean literalTokensNonEmpty(String literal, int from) {
        int start = from;
        for (int i = from; i <= literal.length(); i++) {
            if (i == literal.length() || literal.charAt(i) == '.') {
                if (i == start) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    private static int tokenEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }
}
