package io.wirehub.server.subject;

/**
 * How two subjects, either of which may hold wildcards, relate: whether one covers the other, and
 * whether they can both match one literal subject. Used where accounts decide what an export
 * allows and whether imports form a cycle; both follow nats-server's rules exactly, including
 * their corner cases (they decide which configurations start).
 */
public final class SubjectRelations {
    private SubjectRelations() {
    }

    /**
     * Whether every subject {@code subject} matches is also matched by {@code test}: {@code foo.*}
     * is covered by {@code >}, {@code *.*} and {@code foo.*}, but not by {@code foo.bar}.
     */
    public static boolean isSubsetMatch(String subject, String test) {
        String[] tokens = subject.split("\\.", -1);
        String[] testTokens = test.split("\\.", -1);
        for (int i = 0; i < testTokens.length; i++) {
            if (i >= tokens.length) {
                return false;
            }
            String t2 = testTokens[i];
            if (t2.isEmpty()) {
                return false;
            }
            if (t2.equals(">")) {
                return true;
            }
            String t1 = tokens[i];
            if (t1.isEmpty() || t1.equals(">")) {
                return false;
            }
            if (t1.equals("*")) {
                if (!t2.equals("*")) {
                    return false;
                }
                continue;
            }
            if (!t2.equals("*") && !t1.equals(t2)) {
                return false;
            }
        }
        return tokens.length == testTokens.length;
    }

    /** Whether some literal subject could be matched by both. */
    public static boolean collide(String first, String second) {
        if (first.equals(second)) {
            return true;
        }
        String[] t1 = first.split("\\.", -1);
        String[] t2 = second.split("\\.", -1);
        boolean partial1 = has(t1, "*");
        boolean full1 = has(t1, ">");
        boolean partial2 = has(t2, "*");
        boolean full2 = has(t2, ">");
        boolean literal1 = !(partial1 || full1);
        boolean literal2 = !(partial2 || full2);
        if (literal1 && literal2) {
            return false;
        }
        if (literal1) {
            return isSubsetMatch(first, second);
        }
        if (literal2) {
            return isSubsetMatch(second, first);
        }
        if (!full1 && !full2 && t1.length != t2.length) {
            return false;
        }
        if (t1.length != t2.length && (t1.length < t2.length && !full1 || t2.length < t1.length && !full2)) {
            return false;
        }
        int stop = Math.min(t1.length, t2.length);
        for (int i = 0; i < stop; i++) {
            if (!tokensCanMatch(t1[i], t2[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokensCanMatch(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        char ac = a.charAt(0);
        char bc = b.charAt(0);
        if (ac == '*' || bc == '*' || ac == '>' || bc == '>') {
            return true;
        }
        return a.equals(b);
    }

    private static boolean has(String[] tokens, String wildcard) {
        for (String token : tokens) {
            if (token.equals(wildcard)) {
                return true;
            }
        }
        return false;
    }
}
