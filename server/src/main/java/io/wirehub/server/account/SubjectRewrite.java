package io.wirehub.server.account;

/**
 * How a stream import renames the exporter's subjects for the importer, and back: the same
 * subject, one literal subject, or a prefix. Immutable.
 */
interface SubjectRewrite {

    /** The importer's subject for a message the exporter published on {@code exported}. */
    String toLocal(String exported);

    /** The exporter's subject a local subscription subject stands for (it may hold wildcards). */
    String toExported(String local);

    SubjectRewrite IDENTITY = new SubjectRewrite() {
        @Override
        public String toLocal(String exported) {
            return exported;
        }

        @Override
        public String toExported(String local) {
            return local;
        }
    };

    /** A literal export imported under another literal subject. */
    static SubjectRewrite literal(String exported, String local) {
        return new SubjectRewrite() {
            @Override
            public String toLocal(String subject) {
                return local;
            }

            @Override
            public String toExported(String subject) {
                return exported;
            }
        };
    }

    /** {@code prefix: "p"}: {@code foo.bar} is seen as {@code p.foo.bar}. */
    static SubjectRewrite prefix(String prefix) {
        String withDot = prefix.endsWith(".") ? prefix : prefix + ".";
        return new SubjectRewrite() {
            @Override
            public String toLocal(String subject) {
                return withDot + subject;
            }

            @Override
            public String toExported(String subject) {
                return subject.startsWith(withDot) ? subject.substring(withDot.length()) : subject;
            }
        };
    }

    /**
     * Between two patterns with the same wildcards in order ({@code svc.*.>} and {@code local.*.x.>}):
     * the i-th {@code *} of one stands for the i-th of the other, and the {@code >} tails for each
     * other, as nats-server's strict import transforms have it.
     *
     * @throws IllegalArgumentException when the patterns' wildcards do not pair up
     */
    static SubjectRewrite wildcards(String exported, String local) {
        TokenPattern from = new TokenPattern(exported);
        TokenPattern to = new TokenPattern(local);
        if (from.stars() != to.stars() || from.tail() != to.tail()) {
            throw new IllegalArgumentException("\"" + exported + "\" and \"" + local
                    + "\" do not have the same wildcards");
        }
        return new SubjectRewrite() {
            @Override
            public String toLocal(String subject) {
                return to.fill(from.capture(subject));
            }

            @Override
            public String toExported(String subject) {
                return from.fill(to.capture(subject));
            }
        };
    }

    /** A pattern's tokens, for capturing what its wildcards matched and filling another with it. */
    final class TokenPattern {
        private final String[] tokens;
        private final int stars;
        private final boolean tail;

        TokenPattern(String pattern) {
            tokens = pattern.split("\\.", -1);
            int count = 0;
            for (String token : tokens) {
                if (token.equals("*")) {
                    count++;
                }
            }
            stars = count;
            tail = tokens[tokens.length - 1].equals(">");
        }

        int stars() {
            return stars;
        }

        boolean tail() {
            return tail;
        }

        /** What each wildcard matched in {@code subject}, the tail last (joined); subject may hold wildcards. */
        String[] capture(String subject) {
            String[] parts = subject.split("\\.", -1);
            String[] captured = new String[stars + (tail ? 1 : 0)];
            int n = 0;
            for (int i = 0; i < tokens.length && i < parts.length; i++) {
                if (tokens[i].equals("*")) {
                    captured[n++] = parts[i];
                } else if (tokens[i].equals(">")) {
                    captured[n++] = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
                }
            }
            for (int i = n; i < captured.length; i++) {
                captured[i] = i == captured.length - 1 && tail ? ">" : "*";
            }
            return captured;
        }

        String fill(String[] captured) {
            StringBuilder out = new StringBuilder();
            int n = 0;
            for (int i = 0; i < tokens.length; i++) {
                if (i > 0) {
                    out.append('.');
                }
                String token = tokens[i];
                out.append(token.equals("*") || token.equals(">") ? captured[n++] : token);
            }
            return out.toString();
        }
    }
}
