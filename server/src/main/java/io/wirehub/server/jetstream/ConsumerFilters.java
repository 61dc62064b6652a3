package io.wirehub.server.jetstream;

import io.wirehub.server.subject.SubjectRelations;
import io.wirehub.server.subject.Subjects;
import java.util.List;

/** How a consumer's filter subjects (none: the whole stream) relate to a subject, as nats-server asks. */
final class ConsumerFilters {
    private ConsumerFilters() {
    }

    /** Whether a stored message's (literal) subject is one the consumer reads. */
    static boolean matches(List<String> filters, String subject) {
        if (filters.isEmpty()) {
            return true;
        }
        for (String f : filters) {
            if (Subjects.matchesLiteral(subject, f)) {
                return true;
            }
        }
        return false;
    }

    /** nats-server's isEqualOrSubsetMatch: one of the filters lies within {@code subject}. */
    static boolean withinFilter(List<String> filters, String subject) {
        for (String f : filters) {
            if (f.equals(subject) || SubjectRelations.isSubsetMatch(f, subject)) {
                return true;
            }
        }
        return false;
    }

    /** nats-server's isFilteredMatch: unfiltered, or {@code subject} lies within one of the filters. */
    static boolean wantsAnyOf(List<String> filters, String subject) {
        if (filters.isEmpty()) {
            return true;
        }
        for (String f : filters) {
            if (f.equals(subject) || SubjectRelations.isSubsetMatch(subject, f)) {
                return true;
            }
        }
        return false;
    }
}
