package io.wirehub.server.connection;

import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.Permissions;
import io.wirehub.server.auth.PublishLimiter;
import io.wirehub.server.config.PermissionsConfig.Responses;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's security state: who it authenticated as, what its permissions allow (with
 * small caches, since the same subjects repeat), its publish rate limiters, and the reply subjects
 * it may answer under {@code allow_responses}.
 *
 * <p>Concurrency: {@link #user} is written by the connection's reader (CONNECT) or by a config
 * reload, and read by publishers' threads delivering to this client. {@link #publishAllowed} is
 * the reader's alone. {@link #deliveryDenied} and {@link #responseGrants} are concurrent maps:
 * publishers write them while delivering, the reader reads them.
 */
final class ClientSecurity {
    /** Entries kept per cache before it is cleared (bounds memory, as nats-server's caches do). */
    private static final int CACHE_LIMIT = 512;
    /** Reply subjects remembered for allow_responses before expired ones are pruned. */
    private static final int GRANT_LIMIT = 4096;

    private volatile AuthenticatedUser user;
    /** reader-confined; valid for {@link #cachedFor} */
    private final Map<String, Boolean> publishAllowed = new HashMap<>();
    private Permissions cachedFor;
    private final Map<String, Boolean> deliveryDenied = new ConcurrentHashMap<>();
    private volatile Permissions deliveryCachedFor;
    private final Map<String, Grant> responseGrants = new ConcurrentHashMap<>();
    private volatile PublishLimiter connectionLimiter;

    /** A reply subject this client may publish to a few more times, until it expires. */
    private record Grant(AtomicInteger remaining, long expiresAtNanos) {
    }

    ClientSecurity(AuthenticatedUser initial, PublishLimiter connectionLimiter) {
        this.user = initial;
        this.connectionLimiter = connectionLimiter;
    }

    /** Who the connection is; null while authentication is pending. */
    AuthenticatedUser user() {
        return user;
    }

    void authenticated(AuthenticatedUser authenticated) {
        user = authenticated;
    }

    void connectionLimiter(PublishLimiter limiter) {
        connectionLimiter = limiter;
    }

    PublishLimiter connectionLimiter() {
        return connectionLimiter;
    }

    /** The user's own limiter (shared by its connections), or null. */
    PublishLimiter userLimiter() {
        AuthenticatedUser current = user;
        return current == null ? null : current.limiter();
    }

    Permissions permissions() {
        AuthenticatedUser current = user;
        return current == null ? Permissions.ALL : current.permissions();
    }

    /** Publish allow/deny, then an allow_responses grant for the subject. Reader thread only. */
    boolean canPublish(String subject) {
        Permissions permissions = permissions();
        if (!permissions.restrictsPublish()) {
            return true;
        }
        if (cachedFor != permissions || publishAllowed.size() > CACHE_LIMIT) {
            publishAllowed.clear();
            cachedFor = permissions;
        }
        Boolean allowed = publishAllowed.computeIfAbsent(subject, permissions::canPublish);
        return allowed || useGrant(subject);
    }

    boolean canSubscribe(String subject, String queue) {
        return permissions().canSubscribe(subject, queue);
    }

    /** Whether a delivery on {@code subject} is refused by the subscribe deny list. Any thread. */
    boolean deniesDelivery(String subject) {
        Permissions permissions = permissions();
        if (deliveryCachedFor != permissions || deliveryDenied.size() > CACHE_LIMIT) {
            deliveryDenied.clear();
            deliveryCachedFor = permissions;
        }
        return deliveryDenied.computeIfAbsent(subject, permissions::deniesDelivery);
    }

    /** Remembers a request's reply subject this client may answer (allow_responses). Any thread. */
    void grantReply(String reply) {
        Responses responses = permissions().responses();
        if (responses == null) {
            return;
        }
        if (responseGrants.size() >= GRANT_LIMIT) {
            pruneExpiredGrants();
        }
        if (responseGrants.size() < GRANT_LIMIT) {
            responseGrants.put(reply, new Grant(new AtomicInteger(responses.maxMessages()),
                    System.nanoTime() + responses.expires().toNanos()));
        }
    }

    /** Whether this client holds a grant to answer {@code subject}; uses one reply of it. */
    private boolean useGrant(String subject) {
        Grant grant = responseGrants.get(subject);
        if (grant == null) {
            return false;
        }
        if (System.nanoTime() - grant.expiresAtNanos() > 0 || grant.remaining().decrementAndGet() < 0) {
            responseGrants.remove(subject, grant);
            return false;
        }
        if (grant.remaining().get() == 0) {
            responseGrants.remove(subject, grant);
        }
        return true;
    }

    private void pruneExpiredGrants() {
        long now = System.nanoTime();
        for (Iterator<Grant> grants = responseGrants.values().iterator(); grants.hasNext(); ) {
            if (now - grants.next().expiresAtNanos() > 0) {
                grants.remove();
            }
        }
    }
}
