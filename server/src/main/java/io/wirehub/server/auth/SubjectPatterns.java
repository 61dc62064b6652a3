package io.wirehub.server.auth;

import io.wirehub.server.subject.Subjects;
import java.util.ArrayList;
import java.util.List;

/**
 * One allow or deny list of a permission: subject patterns, each optionally tied to a queue group
 * pattern ({@code "orders.* workers"}). A subscription subject is matched as if literal, so a
 * wildcard subscription is covered only by a pattern at least as wide ({@code foo.*} is covered by
 * {@code foo.*} and {@code foo.>}, not by {@code foo.bar}).
 */
final class SubjectPatterns {
    private final List<String> plain = new ArrayList<>();
    private final List<String[]> queued = new ArrayList<>();

    SubjectPatterns(List<String> rules) {
        for (String rule : rules) {
            String[] parts = rule.trim().split("[ \t]+");
            if (parts.length == 2) {
                queued.add(parts);
            } else {
                plain.add(parts[0]);
            }
        }
    }

    /** Whether a pattern without a queue covers the subject. */
    boolean coversPlain(String subject) {
        for (String pattern : plain) {
            if (Subjects.matchesLiteral(subject, pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any "subject queue" pattern covers the subject (whatever the queue). */
    boolean hasQueueEntriesFor(String subject) {
        for (String[] entry : queued) {
            if (Subjects.matchesLiteral(subject, entry[0])) {
                return true;
            }
        }
        return false;
    }

    /** Whether a "subject queue" pattern covers the subject and the queue name. */
    boolean coversQueue(String subject, String queue) {
        for (String[] entry : queued) {
            if (Subjects.matchesLiteral(subject, entry[0]) && Subjects.matchesLiteral(queue, entry[1])) {
                return true;
            }
        }
        return false;
    }

    /** Whether a pattern overlaps a wildcard subscription (some subject matches both). */
    boolean overlaps(String subscription) {
        for (String pattern : plain) {
            if (Subjects.matchesLiteral(pattern, subscription) || Subjects.matchesLiteral(subscription, pattern)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return plain.isEmpty() && queued.isEmpty();
    }
}
