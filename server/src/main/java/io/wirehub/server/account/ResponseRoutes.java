package io.wirehub.server.account;

import io.wirehub.server.config.ExportConfig.ResponseType;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.ReplyInterest;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The way back for requests that came into this account through a service import. The request's
 * reply subject is replaced by one of this account's own ({@code _R_.<prefix>.<n>}, as
 * nats-server does), and a response published there is routed to the original reply subject in
 * the importing account. One wildcard subscription covers every pending response, so a request
 * does not change the subject index (which would drop every publisher's cache).
 *
 * <p>Bounded: at most {@link #MAX_PENDING} requests wait for responses at once; past that a
 * request is refused (the requester sees no responders). Unanswered entries expire after the
 * export's response threshold.
 *
 * <p>Thread-safe: a concurrent map; requests and responses arrive on any publisher's thread.
 */
final class ResponseRoutes implements MessageSink {
    static final int MAX_PENDING = 100_000;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Where a response goes, until when. */
    private record Route(Account importer, String reply, ResponseType type, long expiresAtNanos) {
    }

    private final Account account;
    private final String prefix;
    private final Subscription subscription;
    private final Map<String, Route> pending = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    ResponseRoutes(Account account) {
        this.account = account;
        this.prefix = "_R_." + randomToken(6) + ".";
        this.subscription = new Subscription(this, prefix + ">", null, "_R_".getBytes(StandardCharsets.US_ASCII));
    }

    /** Starts listening for responses in the account. */
    void start() {
        account.router().subscribe(subscription);
        account.router().responseOrigins(this::origin);
    }

    /**
     * A reply subject in this account that leads back to {@code reply} in {@code importer}, or null
     * when too many requests are waiting already.
     */
    String register(Account importer, String reply, ResponseType type, Duration threshold) {
        if (pending.size() >= MAX_PENDING) {
            expire(System.nanoTime());
            if (pending.size() >= MAX_PENDING) {
                return null;
            }
        }
        String local = prefix + Long.toString(sequence.incrementAndGet(), 36) + randomToken(4);
        pending.put(local, new Route(importer, reply, type, System.nanoTime() + threshold.toNanos()));
        return local;
    }

    /** A request that reached nobody: its route is not needed. */
    void forget(String local) {
        pending.remove(local);
    }

    @Override
    public boolean deliver(Subscription sub, PublishedMessage response) {
        // A consumer's delivery keeps the stored message's subject and is routed on the reply.
        String subject = response.destination();
        Route route = pending.get(subject);
        if (route == null || response.hops() >= Account.MAX_HOPS) {
            return false;
        }
        if (System.nanoTime() - route.expiresAtNanos() > 0) {
            pending.remove(subject, route);
            return false;
        }
        if (route.type() == ResponseType.SINGLETON) {
            pending.remove(subject, route);
        }
        if (response.routedElsewhere() && !response.subject().equals(subject)) {
            // As nats-server delivers it: under its own subject, to the requester's reply.
            PublishedMessage back = response.rewritten(response.subject(), response.reply());
            return route.importer().router().routeTo(route.reply(), back, response.routedBy()) > 0;
        }
        PublishedMessage back = response.rewritten(route.reply(), response.reply());
        return route.importer().router().routeImported(back, response.routedBy()) > 0;
    }

    /**
     * The requester's router and reply behind one of this account's pending reply subjects, or
     * null when it has no route (never registered, expired, or a singleton already answered).
     */
    ReplyInterest origin(String local) {
        Route route = pending.get(local);
        return route == null ? null : new ReplyInterest(route.importer().router(), route.reply());
    }

    @Override
    public void flushSignal() {
    }

    /** Drops the routes whose response threshold passed. */
    void expire(long nowNanos) {
        for (Iterator<Route> routes = pending.values().iterator(); routes.hasNext(); ) {
            if (nowNanos - routes.next().expiresAtNanos() > 0) {
                routes.remove();
            }
        }
    }

    int pendingCount() {
        return pending.size();
    }

    private static String randomToken(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] token = new char[length];
        for (int i = 0; i < length; i++) {
            token[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(token);
    }
}
