package io.wirehub.server.system;

import io.wirehub.server.account.Account;
import io.wirehub.server.account.Accounts;
import io.wirehub.server.monitor.MonitorDocuments;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.stats.Observability;
import io.wirehub.server.stats.ServerStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system account's internal client (nats-server's {@code s.sys}): it subscribes to request
 * subjects in the system account and answers them, and publishes the server's events. It has no
 * socket: it subscribes through the routers and publishes with an {@link InternalPublisher} per
 * account, exactly as a client of that account would be routed.
 *
 * <p>Requests are registered as subject pattern → {@link SystemRequestHandler}
 * ({@link #register}); the standard ones ({@link ServerRequests}, {@link AccountRequests}) are
 * registered at start, and other parts (JWT claims updates) may add theirs the same way.
 *
 * <p>Threads: requests and events arrive on clients' threads and are copied onto one service
 * thread, which answers and publishes in arrival order; no client waits for an answer to be
 * built. The publishers and everything built on that thread stay confined to it.
 */
public final class SystemService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemService.class);

    private final Accounts accounts;
    private final Account system;
    private final MonitorDocuments documents;
    private final ServerIdentity identity;
    private final ServerStats stats;
    private final Observability observability;
    private final LongFunction<SystemRequest.Requester> clients;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("wirehub-system").daemon(true).factory());
    /** Subscription ids; registration may come from any thread (another part adding its handler). */
    private final AtomicInteger sids = new AtomicInteger();
    /** One publisher per account replied into. Confined to the service thread. */
    private final Map<Account, InternalPublisher> publishers = new HashMap<>();

    /**
     * @param clients finds an open client by id (the requester of USER.INFO and of account-scoped
     *                requests), null when it is gone
     */
    public SystemService(Accounts accounts, MonitorDocuments documents, String serverName, String host,
                         String serverId, String version, ServerStats stats, Observability observability,
                         LongFunction<SystemRequest.Requester> clients) {
        this.accounts = accounts;
        this.system = accounts.system();
        if (system == null) {
            throw new IllegalArgumentException("no system account");
        }
        this.documents = documents;
        this.identity = new ServerIdentity(serverName, host, serverId, version);
        this.stats = stats;
        this.observability = observability;
        this.clients = clients;
    }

    /**
     * Subscribes the standard requests, starts announcing connections and the STATSZ heartbeat.
     *
     * @return this
     */
    public SystemService start() {
        ServerRequests.register(this);
        AccountRequests.register(this);
        observability.events().listen(new ClientEvents(this));
        new StatszHeartbeat(this).start();
        return this;
    }

    MonitorDocuments documents() {
        return documents;
    }

    ServerIdentity identity() {
        return identity;
    }

    Accounts accounts() {
        return accounts;
    }

    Account system() {
        return system;
    }

    /**
     * Answers requests on {@code subject} (wildcards allowed) published in the system account.
     * The answer goes to the request's reply subject, in the system account.
     */
    public void register(String subject, SystemRequestHandler handler) {
        subscribe(system, subject, handler);
    }

    /**
     * Answers requests on {@code subject} published in every account other than the system one,
     * as nats-server's system exports imported into each account do; the answer goes back into
     * the requester's account.
     */
    void registerInEveryAccount(String subject, SystemRequestHandler handler) {
        for (Account account : accounts.all()) {
            if (account != system) {
                subscribe(account, subject, handler);
            }
        }
    }

    private void subscribe(Account account, String subject, SystemRequestHandler handler) {
        RequestSink sink = new RequestSink(account, handler);
        // Numbered like a client's subscriptions, as nats-server's internal client numbers its own.
        byte[] sid = Integer.toString(sids.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        account.router().subscribe(new Subscription(sink, subject, null, sid));
    }

    /** Publishes {@code payload} on {@code subject} in {@code account}, from the service thread. */
    void publishLater(Account account, String subject, byte[] payload) {
        run(() -> publish(account, subject, payload));
    }

    /** Runs {@code task} on the service thread; dropped once the service is closed. */
    void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("System service task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: events after shutdown are dropped, as nats-server's are.
        }
    }

    /** Runs {@code task} on the service thread after {@code delay}; dropped once the service is closed. */
    void runLater(Runnable task, Duration delay) {
        try {
            thread.schedule(() -> run(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }

    /** Whether anyone in the system account listens on {@code subject}. */
    boolean hasInterest(String subject) {
        return !system.router().index().match(subject).isEmpty();
    }

    /** Service thread only. */
    private void publish(Account account, String subject, byte[] payload) {
        InternalPublisher publisher = publishers.computeIfAbsent(account,
                a -> new InternalPublisher(a.router(), stats, observability, "system"));
        publisher.publish(subject, null, null, payload, 0, payload.length);
    }

    private void answer(Account account, SystemRequestHandler handler, SystemRequest request) {
        byte[] answer = handler.answer(request);
        if (answer != null && request.reply() != null) {
            publish(account, request.reply(), answer);
        }
    }

    @Override
    public void close() {
        observability.events().listen(null);
        thread.shutdownNow();
    }

    /** Where a registered subject's messages arrive: copied, then answered on the service thread. */
    private final class RequestSink implements MessageSink {
        private final Account account;
        private final SystemRequestHandler handler;

        RequestSink(Account account, SystemRequestHandler handler) {
            this.account = account;
            this.handler = handler;
        }

        @Override
        public boolean deliver(Subscription subscription, PublishedMessage message) {
            int headerLength = message.args().headerLength();
            int start = message.dataOffset();
            byte[] headers = headerLength > 0 ? Arrays.copyOfRange(message.data(), start, start + headerLength)
                    : null;
            byte[] payload = Arrays.copyOfRange(message.data(), start + headerLength,
                    start + message.args().totalLength());
            String subject = message.subject();
            String reply = message.reply();
            long clientId = message.publisher() == null ? 0 : message.publisher().clientId();
            run(() -> answer(account, handler, new SystemRequest(subject, reply, headers, payload, account.name(),
                    clientId == 0 ? null : clients.apply(clientId))));
            return true;
        }

        @Override
        public void flushSignal() {
        }
    }
}
