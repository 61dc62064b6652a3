package io.wirehub.server.routing;

/**
 * Where the interest behind a reply subject lives: the router (account) and subject of the
 * requester. For a request that came in through a service import the reply is the exporter's
 * {@code _R_.…} subject, and the requester's own reply in the importing account is what a pull
 * consumer must watch (nats-server's trackDownAccountAndInterest).
 */
public record ReplyInterest(Router router, String subject) {
    /** Whether anyone in the requester's account is still subscribed to its reply subject. */
    public boolean present() {
        return router.hasInterest(subject);
    }
}
