package io.wirehub.server.subject;

/**
 * The source subject of a mapping or transform, and whether a published subject falls under it,
 * decided as nats-server's isSubsetMatch decides it (so mapped traffic goes where nats-server sends
 * it). Two of its rules differ from subscription matching and are kept on purpose:
 * <ul>
 * <li>a source token that merely starts with '*' ("*x") matches any token, as '*' does;</li>
 * <li>a published subject may itself hold '*' tokens (non-pedantic clients may publish them): such a
 * token is matched only by a '*' of the source, and a published '>' token by nothing but a
 * source '>' reached earlier.</li>
 * </ul>
 * Matching walks the subject in place and allocates nothing. Immutable.
 */
final class SourcePattern {
    private final String source;
    private final String[] tokens;
    /** No token is a wildcard or starts with '*': then matching is String equality. */
    private final boolean exact;

    SourcePattern(String source) {
        this.source = source;
        this.tokens = source.split("\\.", -1);
        boolean exact = true;
        for (String token : tokens) {
            if (!token.isEmpty() && (token.charAt(0) == '*' || token.equals(">"))) {
                exact = false;
            }
        }
        this.exact = exact;
    }

    String source() {
        return source;
    }

    boolean matches(String subject) {
        if (exact) {
            return source.equals(subject);
        }
        int length = subject.length();
        int position = 0;
        for (String pattern : tokens) {
            if (position > length) {
                return false; // the subject has fewer tokens than the source
            }
            if (pattern.equals(">")) {
                return true;
            }
            int end = subject.indexOf('.', position);
            if (end < 0) {
                end = length;
            }
            int tokenLength = end - position;
            if (tokenLength == 0) {
                return false;
            }
            char first = subject.charAt(position);
            if (tokenLength == 1 && first == '>') {
                return false;
            }
            if (tokenLength == 1 && first == '*') {
                if (!pattern.equals("*")) {
                    return false;
                }
            } else if (pattern.charAt(0) != '*'
                    && !(pattern.length() == tokenLength && subject.regionMatches(position, pattern, 0, tokenLength))) {
                return false;
            }
            position = end + 1;
        }
        return position == length + 1; // every token of the subject was used
    }
}
