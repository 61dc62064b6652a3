package io.wirehub.server.account;

import io.wirehub.server.subject.SubjectRelations;
import io.wirehub.server.subject.Subjects;

/**
 * A stream another account exports, as this account imports it: messages the exporter publishes
 * on {@code from} reach this account's subscribers of {@code to}. Delivered through shadow
 * subscriptions: a local subscription that covers part of {@code to} gets a twin in the exporter's
 * index on the matching exported subject (nats-server's design), so the exporter's publishes pay
 * nothing unless someone here listens.
 *
 * @param exporter the exporting account
 * @param from     the subject as the exporter knows it (may hold wildcards)
 * @param to       the subject as this account sees it
 */
record StreamImport(Account exporter, String from, String to, SubjectRewrite rewrite) {

    /**
     * The subject in the exporter's index a local subscription on {@code local} should shadow, or
     * null when the subscription sees nothing of this import.
     */
    String shadowSubject(String local) {
        if (local.equals(to)) {
            return from;
        }
        if (SubjectRelations.isSubsetMatch(local, to)) {
            // The subscription is narrower than the import: listen in the exporter on its part only.
            return rewrite.toExported(local);
        }
        if (Subjects.hasWildcard(local) && SubjectRelations.isSubsetMatch(to, local)) {
            // Wider than the import: the whole import.
            return from;
        }
        if (Subjects.hasWildcard(local) && SubjectRelations.collide(local, to)) {
            return rewrite.toExported(overlap(local, to));
        }
        return null;
    }

    /** The part two colliding wildcard subjects have in common, token by token, the narrower winning. */
    private static String overlap(String a, String b) {
        String[] left = a.split("\\.", -1);
        String[] right = b.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        int longest = Math.max(left.length, right.length);
        for (int i = 0; i < longest; i++) {
            String l = i < left.length ? left[i] : ">";
            String r = i < right.length ? right[i] : ">";
            String token;
            if (l.equals(">")) {
                token = r;
            } else if (r.equals(">")) {
                token = l;
            } else if (l.equals("*")) {
                token = r;
            } else {
                token = l;
            }
            if (i > 0) {
                out.append('.');
            }
            out.append(token);
            if (token.equals(">")) {
                break;
            }
        }
        return out.toString();
    }
}
