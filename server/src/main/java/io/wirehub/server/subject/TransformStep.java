package io.wirehub.server.subject;

/**
 * How one destination token is written for a given subject. Positions are indexes of the
 * published subject's tokens (already resolved from wildcard numbers). A position past the
 * subject's last token reads as an empty token: that only happens when {@code transform} is given a
 * subject the source does not match, where nats-server would panic or write nothing.
 *
 * <p>The results for short tokens, odd sizes and empty pieces are nats-server's, including where
 * they are surprising (split's leading '.' after two leading delimiters, for one).
 */
sealed interface TransformStep {
    void appendTo(StringBuilder out, SubjectTokens subject);

    /** A token copied as written. */
    record Literal(String text) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            out.append(text);
        }
    }

    /** {@code $n} and {@code {{wildcard(n)}}}. */
    record Wildcard(int position) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            subject.append(out, position);
        }
    }

    /**
     * {@code {{partition(n, w...)}}}: FNV-1a (32 bits) of the named tokens' bytes run together, modulo
     * n taken as unsigned, as Go's hash/fnv and {@code uint32(n)} give it; written in decimal.
     */
    record Partition(int partitions, int[] positions) implements TransformStep {
        private static final int FNV_OFFSET = 0x811C9DC5;
        private static final int FNV_PRIME = 0x01000193;

        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            out.append(Integer.toUnsignedLong(Integer.remainderUnsigned(hash(subject), partitions)));
        }

        int hash(SubjectTokens subject) {
            int hash = FNV_OFFSET;
            String text = subject.subject();
            for (int position : positions) {
                if (position >= subject.count()) {
                    continue;
                }
                for (int i = subject.start(position), end = subject.end(position); i < end; i++) {
                    hash = (hash ^ (text.charAt(i) & 0xFF)) * FNV_PRIME;
                }
            }
            return hash;
        }
    }

    /** {@code {{splitFromLeft(w, at)}}}: a '.' after the first {@code at} bytes, when inside the token. */
    record SplitFromLeft(int position, int at) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            int length = subject.length(position);
            if (at > 0 && at < length) {
                int start = subject.start(position);
                out.append(subject.subject(), start, start + at).append('.')
                        .append(subject.subject(), start + at, start + length);
            } else {
                subject.append(out, position);
            }
        }
    }

    /** {@code {{splitFromRight(w, at)}}}: a '.' before the last {@code at} bytes, when inside the token. */
    record SplitFromRight(int position, int at) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            int length = subject.length(position);
            if (at > 0 && at < length) {
                int start = subject.start(position);
                int cut = start + length - at;
                out.append(subject.subject(), start, cut).append('.').append(subject.subject(), cut, start + length);
            } else {
                subject.append(out, position);
            }
        }
    }

    /** {@code {{sliceFromLeft(w, size)}}}: pieces of {@code size} bytes from the left, the last one shorter. */
    record SliceFromLeft(int position, int size) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            int length = subject.length(position);
            if (size <= 0 || size >= length) {
                subject.append(out, position);
                return;
            }
            int start = subject.start(position);
            for (int i = 0; i < length; i += size) {
                if (i > 0) {
                    out.append('.');
                }
                out.append(subject.subject(), start + i, start + Math.min(i + size, length));
            }
        }
    }

    /** {@code {{sliceFromRight(w, size)}}}: pieces of {@code size} bytes from the right, the first one shorter. */
    record SliceFromRight(int position, int size) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            int length = subject.length(position);
            if (size <= 0 || size >= length) {
                subject.append(out, position);
                return;
            }
            int start = subject.start(position);
            int first = length % size;
            if (first > 0) {
                out.append(subject.subject(), start, start + first).append('.');
            }
            for (int i = first; i < length; i += size) {
                if (i > first) {
                    out.append('.');
                }
                out.append(subject.subject(), start + i, start + i + size);
            }
        }
    }

    /** {@code {{left(w, n)}}}: the first n bytes, or the whole token when n is not inside it. */
    record Left(int position, int count) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            int length = subject.length(position);
            if (count > 0 && count < length) {
                int start = subject.start(position);
                out.append(subject.subject(), start, start + count);
            } else {
                subject.append(out, position);
            }
        }
    }

    /** {@code {{right(w, n)}}}: the last n bytes, or the whole token when n is not inside it. */
    record Right(int position, int count) implements TransformStep {
        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            int length = subject.length(position);
            if (count > 0 && count < length) {
                int end = subject.start(position) + length;
                out.append(subject.subject(), end - count, end);
            } else {
                subject.append(out, position);
            }
        }
    }

    /**
     * {@code {{split(w, delimiter)}}}: the token cut at each delimiter, pieces joined by '.'. Empty
     * pieces are left out, and a '.' goes before a piece when the piece is not empty and is not the
     * second one after an empty first: nats-server's rule, which leaves a '.' in front when the token
     * starts with two delimiters. An empty delimiter cuts between UTF-8 characters, as Go's
     * strings.Split does (a byte that is not UTF-8 becomes U+FFFD there, except in the last piece).
     */
    record Split(int position, String delimiter) implements TransformStep {
        /** U+FFFD as UTF-8 bytes, one char per byte. */
        private static final String REPLACEMENT = "\u00ef\u00bf\u00bd";

        @Override
        public void appendTo(StringBuilder out, SubjectTokens subject) {
            if (position >= subject.count()) {
                return;
            }
            String text = subject.subject();
            int tokenStart = subject.start(position);
            int tokenEnd = subject.end(position);
            if (delimiter.isEmpty()) {
                for (int i = tokenStart; i < tokenEnd; ) {
                    int n = GoText.utf8Length(text, i, tokenEnd);
                    if (i > tokenStart) {
                        out.append('.');
                    }
                    boolean last = i + n == tokenEnd;
                    if (n == 1 && text.charAt(i) >= 0x80 && !last) {
                        out.append(REPLACEMENT); // Go's explode writes U+FFFD for a bad byte, but the last piece as is
                    } else {
                        out.append(text, i, i + n);
                    }
                    i += n;
                }
                return;
            }
            int start = tokenStart;
            int end = pieceEnd(text, start, tokenEnd);
            boolean firstEmpty = end == start;
            while (true) {
                out.append(text, start, end);
                if (end == tokenEnd) {
                    return;
                }
                int nextStart = end + delimiter.length();
                int nextEnd = pieceEnd(text, nextStart, tokenEnd);
                boolean afterEmptyFirst = start == tokenStart && firstEmpty;
                if (nextEnd > nextStart && !afterEmptyFirst) {
                    out.append('.');
                }
                start = nextStart;
                end = nextEnd;
            }
        }

        /** Where the piece starting at {@code from} ends: at the next delimiter, or the token's end. */
        private int pieceEnd(String text, int from, int tokenEnd) {
            int found = text.indexOf(delimiter, from);
            // The delimiter holds no '.', so a match beyond the token starts at or after its end.
            return found < 0 || found + delimiter.length() > tokenEnd ? tokenEnd : found;
        }
    }
}
