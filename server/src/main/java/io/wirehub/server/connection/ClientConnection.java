package io.wirehub.server.connection;

import io.wirehub.server.account.Account;
import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.Nonces;
import io.wirehub.server.auth.SecurityPolicy;
import io.wirehub.server.protocol.ConnectOptions;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.protocol.WireEncoder;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.stats.ConnectionActivity;
import io.wirehub.server.stats.ConnectionSnapshot;
import io.wirehub.server.stats.ServerStats;
import io.wirehub.server.stats.TrafficTotals;
import io.wirehub.server.transport.Transport;
import io.wirehub.server.util.IpText;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client: its transport, outbound queue, subscriptions and lifecycle. A reader thread parses
 * what the client sends ({@link ConnectionReader}); what is queued for it is sent by the thread
 * that queued it when the client's writer is idle, else by the writer thread
 * ({@link ConnectionWriter}); other connections' readers deliver to it through {@link #deliver}. It closes exactly once, for the first reason given.
 */
public final class ClientConnection implements MessageSink {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final long id;
    private final Transport transport;
    private final ConnectionServices services;
    /** The INFO of the listener that accepted this connection (TLS fields differ per listener). */
    private final ServerInfo info;
    private final OutboundQueue outbound;
    private final ConnectionWriter writer;
    private final ConnectionReader reader;
    private final PingTimer pingTimer;
    /** The user JWT's expiry, or null; set by the reader on CONNECT (or a reload), cancelled by close. */
    private volatile ScheduledFuture<?> expiryTimer;
    private final ProtocolTracer tracer = new ProtocolTracer(this);
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final ClientSecurity security;
    private final ClientDelivery delivery;
    /** The nonce this connection's INFO carried (nkey challenge), or null. */
    private final String nonce;
    private final boolean authRequiredAtConnect;
    private final ClientAdmission admission;
    /** Written once by the reader when authentication settles; read by anyone. */
    private volatile Account account;

    private final ClientSubscriptions subscriptions;

    /** Written by the reader on CONNECT; read by publishers' threads. */
    private volatile ConnectOptions options = ConnectOptions.DEFAULTS;
    /** Headers negotiated (client asked and server supports). Written by the reader. */
    private volatile boolean headers;
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private volatile Instant closedAt;

    /**
     * The largest payload this client may publish, when its account or user JWT sets it below the
     * server's (INFO says so after the first PONG, as nats-server does); -1 for the server's.
     * Written by the reader.
     */
    private volatile int ownMaxPayload = -1;
    /** The first PONG after CONNECT went out: async INFO may now be sent (nats-server's rule). */
    private volatile boolean firstPongSent;
    /** Last time the client published or (un)subscribed; written by the reader. */
    private volatile long lastActivityNanos = startedNanos;
    /** Last PING from the client; written by the reader. Starts long ago. */
    private volatile long lastClientPingNanos = startedNanos - TimeUnit.DAYS.toNanos(1);
    /** Written by the reader only (single writer), read by monitoring. */
    private volatile long inMessages;
    private volatile long inBytes;

    private ClientConnection(Transport transport, ConnectionServices services, ServerInfo info,
                             SecurityPolicy policy) {
        this.id = services.registry().nextId();
        this.subscriptions = new ClientSubscriptions();
        this.admission = new ClientAdmission(services);
        this.transport = transport;
        this.services = services;
        this.info = info;
        var authenticator = policy.authenticator();
        this.authRequiredAtConnect = authenticator.required() && authenticator.anonymousUser() == null;
        this.nonce = authenticator.nonceRequired() ? Nonces.next() : null;
        this.security = new ClientSecurity(authenticator.required() ? null : AuthenticatedUser.ANONYMOUS,
                policy.newConnectionLimiter());
        this.outbound = new OutboundQueue(services.bufferPool(), services.config().maxPending());
        this.delivery = new ClientDelivery(this, outbound, security, tracer);
        this.writer = new ConnectionWriter(this, transport, outbound);
        this.pingTimer = new PingTimer(this, services.scheduler(), services.config(),
                rtt -> services.observability().metrics().roundTrip(rtt));
        this.reader = new ConnectionReader(this, transport, services);
    }

    /**
     * Takes over a freshly accepted transport: sends INFO, registers, and starts the reader and
     * writer threads. Never throws for anything the client does.
     */
    public static ClientConnection accept(Transport transport, ConnectionServices services) {
        return accept(transport, services, services.info());
    }

    /** As {@link #accept(Transport, ConnectionServices)}, for a listener with INFO of its own (TLS). */
    public static ClientConnection accept(Transport transport, ConnectionServices services, ServerInfo info) {
        SecurityPolicy policy = services.security().get();
        ClientConnection connection = new ClientConnection(transport, services, info, policy);
        connection.admission.accepted();
        services.stats().connectionAccepted();
        connection.queueControl(WireEncoder.info(info, connection.id, connection.clientIp(), connection.nonce,
                connection.authRequiredAtConnect, false));
        String refusal = connection.admission.admit(connection, policy);
        if (refusal != null) {
            LOG.error("{} - {}", connection, refusal);
            services.stats().connectionRefused();
            connection.queueControl(WireEncoder.err("maximum connections exceeded"));
            connection.flushSignal();
            connection.close(CloseReason.MAX_CONNECTIONS_EXCEEDED);
            return connection;
        }
        AuthenticatedUser open = connection.security.user();
        if (open != null) {
            // No authentication: the client is in its account from the start.
            connection.bindAccount(services.accounts().get(open.account()));
        }
        LOG.debug("{} - Client connection created", connection);
        connection.pingTimer.start();
        if (policy.authenticator().required()) {
            connection.admission.armAuthTimer(policy.authTimeout(), connection::authTimeout);
        }
        // INFO goes out from this thread when the socket takes it (it always has room now), so a
        // client is answered without waiting for a thread to start; the writer starts when needed.
        connection.flushSignal();
        connection.reader.start();
        return connection;
    }

    private void authTimeout() {
        if (!isClosed() && security.user() == null) {
            LOG.debug("{} - Authentication Timeout", this);
            services.stats().authFailure();
            queueControl(WireEncoder.err("Authentication Timeout"));
            close(CloseReason.AUTHENTICATION_TIMEOUT);
        }
    }

    /**
     * Puts this client in its account (once authentication settled), unless the account is full.
     *
     * @return false when the account's max_connections is reached
     */
    boolean bindAccount(Account bound) {
        if (!bound.tryConnect()) {
            return false;
        }
        account = bound;
        subscriptions.account(bound);
        return true;
    }

    /** The account this client is in; null until its authentication settled. */
    public Account account() {
        return account;
    }

    /** Authentication settled (CONNECT, or no_auth_user): the auth timer is no longer needed. */
    void authenticationSettled() {
        admission.authenticationSettled();
    }

    @Override
    public long clientId() {
        return id;
    }

    public long id() {
        return id;
    }

    /** The client's verified TLS certificate (the leaf), or null. */
    public java.security.cert.X509Certificate clientCertificate() {
        var tls = transport.tls();
        return tls == null || tls.peerCertificates().isEmpty() ? null : tls.peerCertificates().get(0);
    }

    public Transport transport() {
        return transport;
    }

    /** The peer's IP address as text (INFO client_ip). */
    public String clientIp() {
        var address = transport.remoteAddress().getAddress();
        return address == null ? "" : IpText.of(address);
    }

    /** Whether this client had to send credentials (its INFO said auth_required). */
    public boolean authRequiredAtConnect() {
        return authRequiredAtConnect;
    }

    /** Who the client authenticated as; null while authentication is pending. */
    public AuthenticatedUser user() {
        return security.user();
    }

    String nonce() {
        return nonce;
    }

    ClientSecurity security() {
        return security;
    }

    ServerStats stats() {
        return services.stats();
    }

    public ConnectOptions options() {
        return options;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration rtt() {
        return pingTimer.rtt();
    }

    public boolean isClosed() {
        return closeReason.get() != null;
    }

    /** Why the connection closed, or null while open. */
    public CloseReason closeReason() {
        return closeReason.get();
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Collection<Subscription> subscriptions() {
        return subscriptions.all();
    }

    public long inMessages() {
        return inMessages;
    }

    public long inBytes() {
        return inBytes;
    }

    public long pendingBytes() {
        return outbound.pendingBytes();
    }

    long startedNanos() {
        return startedNanos;
    }

    /** When the client last published or (un)subscribed, as wall-clock time. */
    public Instant lastActivity() {
        return startedAt.plusNanos(lastActivityNanos - startedNanos);
    }

    /** This connection as monitoring shows it, now. */
    public ConnectionSnapshot snapshot() {
        return ConnectionRecords.snapshot(this);
    }

    /** Traffic counters for the dashboard: cheaper than a snapshot. */
    public ConnectionActivity activity() {
        return ConnectionRecords.activity(this);
    }

    /** Messages and bytes in and out so far. */
    public TrafficTotals traffic() {
        return ConnectionRecords.traffic(this);
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    long lastClientPingNanos() {
        return lastClientPingNanos;
    }

    // ---- reader-side updates -------------------------------------------------------------

    void connectAccepted(ConnectOptions accepted, boolean headersNegotiated) {
        options = accepted;
        headers = headersNegotiated;
        lastActivityNanos = System.nanoTime();
        pingTimer.connectReceived(lastActivityNanos - startedNanos);
        services.observability().metrics().connectionSetUp(lastActivityNanos - startedNanos);
    }

    void readBatchDone(long messages, long bytes, boolean active) {
        if (messages > 0) {
            inMessages += messages;
            inBytes += bytes;
            services.stats().addIn(messages, bytes);
        }
        if (active) {
            lastActivityNanos = System.nanoTime();
        }
    }

    void firstPongSent() {
        firstPongSent = true;
    }

    /** Whether this client takes async INFO now: protocol 1 and past its first PONG. */
    public boolean acceptsAsyncInfo() {
        return firstPongSent && options.protocol() >= 1;
    }

    void clientPinged() {
        lastClientPingNanos = System.nanoTime();
    }

    void pongReceived() {
        pingTimer.pongReceived();
    }

    ProtocolTracer tracer() {
        return tracer;
    }

    /** The reader runs: the connection no longer waits for a carrier (HandshakeLoad). */
    void readerRunning() {
        admission.readerRunning();
    }

    /** The reader's first bytes from the client (the handshake load counts it until it settles). */
    void firstBytesRead() {
        admission.firstBytes();
    }

    ClientSubscriptions subscriptionTable() {
        return subscriptions;
    }

    /** Removes a subscription from this connection and from routing. Any thread. */
    void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    // ---- output ---------------------------------------------------------------------------

    /**
     * Queues a protocol line (INFO, PONG, +OK, -ERR...) without sending it: the reader flushes at
     * the end of its batch, a timer through {@link #flushSignal()}.
     */
    void queueControl(byte[] line) {
        tracer.out(line);
        if (!outbound.appendControl(line)) {
            slowConsumerIfOpen();
        }
    }

    /** Sends the lame-duck notice: an INFO with {@code ldm}, to a client that takes async INFO. Any thread. */
    public void sendLameDuckInfo() {
        queueControl(WireEncoder.info(info, id, clientIp(), null, authRequiredAtConnect, true, maxPayload()));
        flushSignal();
    }

    /** The client's own payload limit, below the server's: set by the reader once it is in its account. */
    void ownMaxPayload(int maxPayload) {
        ownMaxPayload = maxPayload;
    }

    /** The largest payload this client may publish. */
    int maxPayload() {
        return ownMaxPayload >= 0 ? ownMaxPayload : info.maxPayload();
    }

    /**
     * After the first PONG, a client whose payload limit is not the server's gets an INFO with its
     * own (nats-server's processPing), so a client such as jnats refuses an oversized message itself.
     * Only clients that take async INFO (protocol 1) get it.
     */
    void sendOwnLimitsInfoIfChanged() {
        if (options.protocol() >= 1 && ownMaxPayload >= 0 && ownMaxPayload != info.maxPayload()) {
            queueControl(WireEncoder.info(info, id, clientIp(), null, authRequiredAtConnect, false, ownMaxPayload));
        }
    }

    void sendPing() {
        queueControl(WireEncoder.PING);
        flushSignal();
    }

    void staleConnection() {
        LOG.debug("{} - Stale Client Connection - Closing", this);
        queueControl(WireEncoder.err("Stale Connection"));
        close(CloseReason.STALE_CONNECTION);
    }

    @Override
    public boolean deliver(Subscription subscription, PublishedMessage message) {
        return delivery.deliver(subscription, message, options.echo(), headers);
    }

    public long outMessages() {
        return outbound.queuedMessages();
    }

    public long outBytes() {
        return outbound.queuedMessageBytes();
    }

    /**
     * Sends what is queued: in place when this client's writer is idle (the caller's thread writes
     * what the socket takes without waiting), else by waking the writer. Any thread; never blocks.
     */
    @Override
    public void flushSignal() {
        writer.flush();
    }

    /** Wakes the writer: it sends what is queued, never the caller. Any thread. */
    @Override
    public void wakeSignal() {
        writer.wake();
    }

    void slowConsumerIfOpen() {
        if (!isClosed()) {
            LOG.info("{} - Slow Consumer Detected: MaxPending of {} Exceeded", this,
                    services.config().maxPending());
            close(CloseReason.SLOW_CONSUMER_PENDING_BYTES);
        }
    }

    /** Called by the server's deadline sweep: a write blocked too long means a slow consumer. */
    public void checkWriteDeadline(long nowNanos) {
        if (writer.blockedNanos(nowNanos) > services.config().writeDeadline().toNanos() && !isClosed()) {
            LOG.info("{} - Slow Consumer Detected: WriteDeadline of {} exceeded", this,
                    services.config().writeDeadline());
            close(CloseReason.SLOW_CONSUMER_WRITE_DEADLINE);
        }
    }

    // ---- closing --------------------------------------------------------------------------

    /**
     * Closes the connection for {@code reason} unless it is already closed. Queued output is
     * flushed first when nats-server would flush it (everything but slow consumers and I/O
     * errors), bounded by the write deadline.
     */
    public void close(CloseReason reason) {
        if (!closeReason.compareAndSet(null, reason)) {
            return;
        }
        closedAt = Instant.now();
        pingTimer.cancel();
        ScheduledFuture<?> expiry = expiryTimer;
        if (expiry != null) {
            expiry.cancel(false);
        }
        ConnectionSnapshot last = ConnectionRecords.closed(this, services, reason);
        admission.release();
        subscriptions.removeAllFromRouting();
        Account bound = account;
        if (bound != null) {
            bound.disconnected();
            if (options != ConnectOptions.DEFAULTS && bound != services.accounts().global()) {
                // Announced gone only if announced (CONNECT accepted, not $G), and after the account's
                // count dropped, so the SERVER.CONNS that follows counts this client out.
                services.observability().events().disconnected(last);
            }
        }
        if (reason.flushesPending()) {
            outbound.close(false);
            writer.finishAndClose();
            long flushNanos = Math.min(services.config().writeDeadline().toNanos(), TimeUnit.SECONDS.toNanos(1));
            services.scheduler().schedule(transport::close, flushNanos, TimeUnit.NANOSECONDS);
        } else {
            outbound.close(true);
            transport.close();
            writer.wake();
        }
        LOG.debug("{} - Client connection closed: {}", this, reason.text());
    }

    /**
     * Closes the connection when its user's JWT expires or its connect window ends (nats-server's
     * setExpirationTimer): the client gets {@code -ERR 'User Authentication Expired'}.
     */
    void expireAtMillis(long epochMillis) {
        long delayMillis = Math.max(0, epochMillis - System.currentTimeMillis());
        ScheduledFuture<?> previous = expiryTimer;
        if (previous != null) {
            previous.cancel(false);
        }
        expiryTimer = services.scheduler().schedule(() -> {
            LOG.debug("{} - User Authentication Expired", this);
            queueControl(WireEncoder.err("User Authentication Expired"));
            close(CloseReason.AUTHENTICATION_EXPIRED);
        }, delayMillis, TimeUnit.MILLISECONDS);
        if (isClosed()) {
            expiryTimer.cancel(false); // closed while the timer was being set: close() may have missed it
        }
    }

    /** A bug met while serving this connection: logged with its stack, the connection closed. */
    void internalError(String where, Throwable error) {
        LOG.error("{} - Internal error in the {}: {}", this, where, error.toString(), error);
        close(CloseReason.INTERNAL_ERROR);
    }

    @Override
    public String toString() {
        var remote = transport.remoteAddress();
        if (remote.getAddress() == null) {
            // No IP peer (the Unix socket): name the transport and, where known, the peer's user.
            var peer = transport.peerCredentials();
            return transport.type() + (peer == null ? "" : "(" + peer + ")") + " - cid:" + id;
        }
        return IpText.of(remote.getAddress()) + ":" + remote.getPort() + " - cid:" + id;
    }
}
