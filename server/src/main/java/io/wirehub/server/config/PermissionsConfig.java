package io.wirehub.server.config;

import java.time.Duration;
import java.util.List;

/**
 * A user's permissions (PROTOCOL.md §10).
 *
 * @param publish   subjects the user may publish to
 * @param subscribe subjects (or {@code "subject queue"} pairs) the user may subscribe to
 * @param responses when set, the user may also publish to reply subjects of messages it received
 */
public record PermissionsConfig(SubjectRules publish, SubjectRules subscribe, Responses responses) {

    /** Everything allowed. */
    public static final PermissionsConfig ALL = new PermissionsConfig(SubjectRules.ALL, SubjectRules.ALL, null);

    /**
     * Allow and deny lists. Deny wins over allow.
     *
     * @param allow the subjects allowed, or null for every subject
     * @param deny  the subjects refused
     */
    public record SubjectRules(List<String> allow, List<String> deny) {
        public static final SubjectRules ALL = new SubjectRules(null, List.of());

        public SubjectRules {
            allow = allow == null ? null : List.copyOf(allow);
            deny = List.copyOf(deny);
        }
    }

    /**
     * {@code allow_responses}: up to {@code maxMessages} replies to each request received, within
     * {@code expires} of receiving it.
     */
    public record Responses(int maxMessages, Duration expires) {
        public static final Responses DEFAULT = new Responses(1, Duration.ofMinutes(2));
    }
}
