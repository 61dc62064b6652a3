package io.wirehub.server.auth;

import io.wirehub.server.config.PermissionsConfig;
import io.wirehub.server.config.PermissionsConfig.Responses;
import io.wirehub.server.config.PermissionsConfig.SubjectRules;

/**
 * A user's compiled permissions (PROTOCOL.md §10): deny wins over allow, an absent allow list
 * allows everything. Immutable and shared by all the user's connections.
 */
public final class Permissions {
    public static final Permissions ALL = new Permissions(PermissionsConfig.ALL);

    private final SubjectPatterns publishAllow;
    private final SubjectPatterns publishDeny;
    private final SubjectPatterns subscribeAllow;
    private final SubjectPatterns subscribeDeny;
    private final Responses responses;
    private final PermissionsConfig config;

    public Permissions(PermissionsConfig config) {
        this.config = config;
        publishAllow = allow(config.publish());
        publishDeny = new SubjectPatterns(config.publish().deny());
        subscribeAllow = allow(config.subscribe());
        subscribeDeny = new SubjectPatterns(config.subscribe().deny());
        responses = config.responses();
    }

    private static SubjectPatterns allow(SubjectRules rules) {
        return rules.allow() == null ? null : new SubjectPatterns(rules.allow());
    }

    /** The rules as configured (USER.INFO shows them to the user). */
    public PermissionsConfig config() {
        return config;
    }

    /** Whether anything is restricted at all (lets connections skip every check when not). */
    public boolean restricts() {
        return publishAllow != null || !publishDeny.isEmpty() || subscribeAllow != null || !subscribeDeny.isEmpty();
    }

    public boolean restrictsPublish() {
        return publishAllow != null || !publishDeny.isEmpty();
    }

    /** Publish allow and deny lists only; replies allowed by {@link #responses()} are checked apart. */
    public boolean canPublish(String subject) {
        boolean allowed = publishAllow == null || publishAllow.coversPlain(subject);
        return allowed && !publishDeny.coversPlain(subject);
    }

    /**
     * nats-server's rule: a plain allow entry permits plain and any queue subscription; where
     * {@code "subject queue"} entries cover the subject, a queue subscription needs one naming its
     * queue; a deny entry with a queue refuses that queue only.
     */
    public boolean canSubscribe(String subject, String queue) {
        boolean allowed = true;
        if (subscribeAllow != null) {
            allowed = subscribeAllow.coversPlain(subject);
            if (queue != null && subscribeAllow.hasQueueEntriesFor(subject)) {
                allowed = subscribeAllow.coversQueue(subject, queue);
            }
        }
        if (allowed) {
            allowed = !subscribeDeny.coversPlain(subject);
            if (allowed && queue != null && subscribeDeny.hasQueueEntriesFor(subject)) {
                allowed = !subscribeDeny.coversQueue(subject, queue);
            }
        }
        return allowed;
    }

    /**
     * Whether a message on {@code subject} must not be delivered: a permitted wildcard
     * subscription ({@code foo.>}) still does not receive subjects the deny list names.
     */
    public boolean deniesDelivery(String subject) {
        return subscribeDeny.coversPlain(subject);
    }

    /** Whether this wildcard subscription could reach a denied subject (so deliveries need checks). */
    public boolean deliveryNeedsCheck(String subscription) {
        return !subscribeDeny.isEmpty() && subscribeDeny.overlaps(subscription);
    }

    /** allow_responses, or null. */
    public Responses responses() {
        return responses;
    }
}
