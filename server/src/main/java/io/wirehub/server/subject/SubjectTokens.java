package io.wirehub.server.subject;

/**
 * One subject cut at every '.', kept as offsets into the subject so a transform reads its tokens
 * without a String per token. Like nats-server's tokenizer it keeps empty tokens ("a..b" has three,
 * "" has one). Confined to the call that made it.
 */
final class SubjectTokens {
    private final String subject;
    /** starts[i] is where token i begins; starts[count] is length + 1, so token i ends at starts[i + 1] - 1. */
    private final int[] starts;
    private final int count;

    private SubjectTokens(String subject, int[] starts, int count) {
        this.subject = subject;
        this.starts = starts;
        this.count = count;
    }

    static SubjectTokens of(String subject) {
        int length = subject.length();
        int dots = 0;
        for (int i = 0; i < length; i++) {
            if (subject.charAt(i) == '.') {
                dots++;
            }
        }
        int[] starts = new int[dots + 2];
        int token = 1;
        for (int i = 0; i < length; i++) {
            if (subject.charAt(i) == '.') {
                starts[token++] = i + 1;
            }
        }
        starts[token] = length + 1;
        return new SubjectTokens(subject, starts, dots + 1);
    }

    String subject() {
        return subject;
    }

    int count() {
        return count;
    }

    /** Start of token i; only for i < count. */
    int start(int i) {
        return starts[i];
    }

    /** End (exclusive) of token i; only for i < count. */
    int end(int i) {
        return starts[i + 1] - 1;
    }

    int length(int i) {
        return i < count ? end(i) - start(i) : 0;
    }

    /** Whether token i is exactly {@code c} (a one-character token). */
    boolean isSingle(int i, char c) {
        return length(i) == 1 && subject.charAt(start(i)) == c;
    }

    /** Appends token i; a token past the end appends nothing (see {@code SubjectTransform.transform}). */
    void append(StringBuilder out, int i) {
        if (i < count) {
            out.append(subject, start(i), end(i));
        }
    }

    /** nats-server's isValidLiteralSubject on these tokens: none empty, none a lone '*' or '>'. */
    boolean isLiteral() {
        for (int i = 0; i < count; i++) {
            if (length(i) == 0 || isSingle(i, '*') || isSingle(i, '>')) {
                return false;
            }
        }
        return true;
    }
}
