package io.wirehub.server.jetstream.store;

import io.wirehub.server.subject.Subjects;

/** Wildcard filters as the store's callers write them: null, empty and ">" match everything. */
final class SubjectFilter {
    private SubjectFilter() {
    }

    static boolean isAll(String filter) {
        return filter == null || filter.isEmpty() || filter.equals(">");
    }

    static boolean matches(String filter, String subject) {
        if (isAll(filter)) {
            return true;
        }
        return Subjects.hasWildcard(filter) ? Subjects.matchesLiteral(subject, filter) : filter.equals(subject);
    }

    static boolean isLiteral(String filter) {
        return !isAll(filter) && !Subjects.hasWildcard(filter);
    }
}
