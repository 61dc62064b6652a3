package io.wirehub.server.leaf;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.subject.Subjects;
import java.util.ArrayList;
import java.util.List;

/**
 * What a leaf link may carry one way: an allow list (null: everything) and a deny list, from the
 * hub's {@code import}/{@code export} permissions merged with the remote's own {@code deny_imports}
 * or {@code deny_exports} (nats-server processLeafnodeInfo). Immutable.
 */
record SubjectRules(List<String> allow, List<String> deny) {
    static final SubjectRules ANY = new SubjectRules(null, List.of());

    SubjectRules {
        allow = allow == null ? null : List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** The hub's {@code {"allow":[...],"deny":[...]}} (absent: no limit) plus the remote's own denies. */
    static SubjectRules of(JsonNode permission, List<String> ownDeny) {
        List<String> allow = null;
        List<String> deny = new ArrayList<>(ownDeny);
        if (permission != null && !permission.isNull()) {
            if (permission.hasNonNull("allow")) {
                allow = new ArrayList<>();
                for (JsonNode subject : permission.get("allow")) {
                    allow.add(subject.asText());
                }
            }
            if (permission.hasNonNull("deny")) {
                for (JsonNode subject : permission.get("deny")) {
                    deny.add(subject.asText());
                }
            }
        }
        return new SubjectRules(allow, deny);
    }

    /** Whether every subject passes: nothing allowed only, nothing denied. */
    boolean allowsAll() {
        return allow == null && deny.isEmpty();
    }

    /**
     * Whether the subject (a literal, or a subscription's subject whose wildcards count as text,
     * as nats-server's permission check treats them) may pass. The loop-detection and gateway
     * reply subjects always pass (nats-server exempts them).
     */
    boolean permits(String subject) {
        if (subject.startsWith("$LDS.") || subject.startsWith("$GR.") || subject.startsWith("_GR_.")) {
            return true;
        }
        for (String pattern : deny) {
            if (Subjects.matchesLiteral(subject, pattern)) {
                return false;
            }
        }
        if (allow == null) {
            return true;
        }
        for (String pattern : allow) {
            if (Subjects.matchesLiteral(subject, pattern)) {
                return true;
            }
        }
        return false;
    }
}
