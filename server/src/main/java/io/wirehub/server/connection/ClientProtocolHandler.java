package io.wirehub.server.connection;

import io.wirehub.server.account.Account;
import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.UserLimits;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.protocol.ConnectOptions;
import io.wirehub.server.protocol.ConnectParser;
import io.wirehub.server.protocol.GoQuote;
import io.wirehub.server.protocol.JsonCheck;
import io.wirehub.server.protocol.OpHandler;
import io.wirehub.server.protocol.ProtocolError;
import io.wirehub.server.protocol.WireEncoder;
import io.wirehub.server.protocol.ProtocolParser;
import io.wirehub.server.protocol.ProtocolViolation;
import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.PublisherState;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.stats.BusiestSubjects;
import io.wirehub.server.stats.Observability;
import io.wirehub.server.stats.RequestReplyTracker;
import io.wirehub.server.stats.ServerStats;
import io.wirehub.server.subject.ReservedSubjects;
import io.wirehub.server.subject.SubjectMappings;
import io.wirehub.server.subject.Subjects;
import io.wirehub.server.subject.WeightedMapping;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does with each operation a client sends (PROTOCOL.md §2.1). Owned by the
 * connection's reader: every method runs on that one thread.
 */
final class ClientProtocolHandler implements OpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientProtocolHandler.class);

    private final ClientConnection connection;
    private final ServerConfig config;
    private final ServerStats stats;
    private final ProtocolParser parser;
    private final PublishedMessage message = new PublishedMessage();
    private final PublisherState publisher;
    /** A mapped publish's args, reused (reader-confined). */
    private final PublishArgs mappedArgs = new PublishArgs();
    /** Picks weighted mapping destinations; reader-confined. */
    private final SplittableRandom mappingRandom = new SplittableRandom();
    private final ProtocolTracer trace;
    private final ClientAuthorization authorization;
    private final Observability observability;
    /** Whose clients are never announced: {@code $G}. */
    private final Account global;
    /** Counts publishes so one in {@link BusiestSubjects#SAMPLE_EVERY} is sampled. */
    private int publishesUntilSample = BusiestSubjects.SAMPLE_EVERY;

    private ConnectOptions options = ConnectOptions.DEFAULTS;
    private boolean connectReceived;
    /** max_subscriptions refusals are logged at error level once per connection, then at debug. */
    private boolean maxSubscriptionsLogged;
    private boolean firstPongSent;

    // Counters for the current read batch, folded into the connection's at its end.
    private long batchMessages;
    private long batchBytes;
    private long batchDeliveries;
    private long batchDeliveredBytes;
    private boolean batchActive;
    /** Whether the publish being handled came with an array of its own (onPublishDetached). */
    private boolean dataDetached;

    ClientProtocolHandler(ClientConnection connection, ConnectionServices services) {
        this.connection = connection;
        this.config = services.config();
        this.stats = services.stats();
        this.parser = new ProtocolParser(this, config.maxControlLine(), config.maxPayload());
        this.publisher = new PublisherState(connection);
        this.trace = connection.tracer();
        this.authorization = new ClientAuthorization(connection, services);
        this.observability = services.observability();
        this.global = services.accounts().global();
        parser.connectRequired(connection.authRequiredAtConnect());
    }

    /** Nanoseconds the reader should pause before its next read (a SLOW_DOWN rate limit). */
    long takePause() {
        return authorization.takePause();
    }

    /** With no_auth_user, an op before CONNECT makes the client that user (nats-server's rule). */
    private void settleAuthentication() throws ProtocolViolation {
        if (authorization.awaitingCredentials()) {
            authorization.assumeAnonymous();
            accountBound();
        }
    }

    /**
     * The client is in its account now: that account's payload limit applies, if lower, and so
     * does its user JWT's ({@code payload}; -1 for none).
     */
    private void accountBound() throws ProtocolViolation {
        int accountMax = connection.account().limits().maxPayload();
        if (accountMax >= 0 && accountMax < parser.maxPayload()) {
            parser.maxPayload(accountMax);
        }
        AuthenticatedUser user = connection.security().user();
        long userMax = user == null ? UserLimits.NO_LIMIT : user.limits().payload();
        if (userMax >= 0 && userMax < parser.maxPayload()) {
            parser.maxPayload((int) userMax);
        }
        connection.ownMaxPayload(parser.maxPayload());
        if (maxSubscriptions() == 0) {
            // nats-server's applyAccountLimits: a client that may hold no subscription at all is
            // told so and closed, rather than refused one SUB at a time.
            LOG.error("{} - maximum subscriptions exceeded", connection);
            throw new ProtocolViolation(ProtocolError.MAX_SUBSCRIPTIONS, "subscription limit 0");
        }
    }

    /** Longest a publisher pauses for slow subscribers within one read batch. */
    private static final long STALL_BUDGET_PER_READ_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);

    void parse(byte[] bytes, int length) throws ProtocolViolation {
        message.resetStallBudget(STALL_BUDGET_PER_READ_NANOS);
        parser.parse(bytes, 0, length);
    }

    /** Wakes the writers this batch delivered to (this connection's own included) and counts. */
    void endBatch() {
        publisher.flush();
        connection.readBatchDone(batchMessages, batchBytes, batchActive);
        if (batchDeliveries > 0) {
            stats.addOut(batchDeliveries, batchDeliveredBytes);
        }
        batchMessages = 0;
        batchBytes = 0;
        batchDeliveries = 0;
        batchDeliveredBytes = 0;
        batchActive = false;
    }

    /** Queues a reply to this client; its writer is woken at the end of the batch. */
    private void reply(byte[] line) {
        connection.queueControl(line);
        publisher.touched(connection);
    }

    @Override
    public void onConnect(byte[] buf, int offset, int length) throws ProtocolViolation {
        trace.in("CONNECT", buf, offset, length);
        ConnectOptions parsed = ConnectParser.parse(buf, offset, length);
        boolean headers = !config.noHeaderSupport() && parsed.headers();
        authorization.connect(parsed);
        accountBound();
        if (parsed.accountGiven()) {
            throw new ProtocolViolation(ProtocolError.AUTHORIZATION_VIOLATION, "account in CONNECT");
        }
        if (parsed.protocol() < 0 || parsed.protocol() > 1) {
            throw new ProtocolViolation(ProtocolError.BAD_CLIENT_PROTOCOL, "protocol " + parsed.protocol());
        }
        if (parsed.noResponders() && !headers) {
            throw new ProtocolViolation(ProtocolError.NO_RESPONDERS_REQUIRES_HEADERS, "no_responders without headers");
        }
        options = parsed;
        connectReceived = true;
        parser.headersEnabled(headers);
        parser.connectRequired(false);
        connection.connectAccepted(parsed, headers);
        if (observability.events().active() && connection.account() != global) {
            // The system account's CONNECT event (never for $G, as in nats-server): the listener
            // takes it off this thread, so a connection pays one snapshot.
            observability.events().connected(connection.snapshot());
        }
        if (parsed.verbose()) {
            reply(WireEncoder.OK);
        }
    }

    @Override
    public void onPublishDetached(PublishArgs args, byte[] data, int dataOffset) throws ProtocolViolation {
        dataDetached = true;
        try {
            onPublish(args, data, dataOffset);
        } finally {
            dataDetached = false;
        }
    }

    @Override
    public void onPublish(PublishArgs args, byte[] data, int dataOffset) throws ProtocolViolation {
        if (trace.enabled()) {
            traceInbound(args, data, dataOffset);
        }
        settleAuthentication();
        batchMessages++;
        batchBytes += args.totalLength();
        batchActive = true;
        SubjectMappings mappings = connection.account().mappings();
        if (!mappings.isEmpty()) {
            args = mapped(args, mappings);
            if (args == null) {
                return; // a weighted mapping's remainder drops the message, as nats-server does
            }
        }
        byte[] line = args.line();
        if (options.pedantic() && !Subjects.isValidLiteralSubject(
                new String(line, args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1))) {
            reply(WireEncoder.err("Invalid Publish Subject"));
        }
        if (ReservedSubjects.isGatewayRouted(line, args.subjectOffset(), args.subjectLength())) {
            reply(WireEncoder.err("Permissions Violation for Publish to " + quoted(line, args.subjectOffset(), args.subjectLength())));
            return;
        }
        if (args.replyLength() > 0 && ReservedSubjects.isReservedReply(line, args.replyOffset(), args.replyLength())) {
            reply(WireEncoder.err("Permissions Violation for Publish with Reply of "
                    + quoted(line, args.replyOffset(), args.replyLength())));
            return;
        }
        String refusal = authorization.publishRefusal(line, args.subjectOffset(), args.subjectLength(),
                args.totalLength());
        if (refusal != null) {
            reply(WireEncoder.err(refusal));
            return;
        }
        if (options.verbose()) {
            reply(WireEncoder.OK);
        }
        message.set(connection, args, data, dataOffset);
        message.detached(dataDetached);
        RequestReplyTracker requests = observability.requests();
        boolean isReply = requests.published(line, args.subjectOffset(), args.subjectLength());
        // Replies go to one-off inbox subjects: counted, they would crowd the busiest subjects out.
        if (!isReply && --publishesUntilSample == 0) {
            publishesUntilSample = BusiestSubjects.SAMPLE_EVERY;
            observability.busiestSubjects().sample(line, args.subjectOffset(), args.subjectLength());
        }
        int delivered = connection.account().router().route(message, publisher);
        if (delivered > 0 && args.replyLength() > 0) {
            requests.requestSent(line, args.replyOffset(), args.replyLength(), System.nanoTime());
        }
        if (delivered > 0) {
            batchDeliveries += delivered;
            batchDeliveredBytes += (long) delivered * args.totalLength();
        } else if (args.replyLength() > 0 && options.noResponders()) {
            sendNoResponders(line, args.replyOffset(), args.replyLength());
        }
    }

    /**
     * The publish under its account's mapped subject (nats-server maps as the message is read,
     * before permissions are checked); the same args when no mapping applies, null when dropped.
     */
    private PublishArgs mapped(PublishArgs args, SubjectMappings mappings) {
        String subject = new String(args.line(), args.subjectOffset(), args.subjectLength(),
                StandardCharsets.ISO_8859_1);
        String target = mappings.map(subject, mappingRandom);
        if (target == subject) {
            return args;
        }
        if (target.equals(WeightedMapping.DROPPED)) {
            return null;
        }
        String reply = args.replyLength() < 0 ? null
                : new String(args.line(), args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1);
        mappedArgs.compose(target, reply, args.headerLength(), args.totalLength());
        return mappedArgs;
    }

    private void traceInbound(PublishArgs args, byte[] data, int dataOffset) {
        byte[] line = args.line();
        int end = args.totalSizeOffset() + args.totalSizeLength();
        trace.in(args.isHeaderPublish() ? "HPUB" : "PUB", line, args.subjectOffset(), end - args.subjectOffset());
        trace.inPayload(data, dataOffset, args.totalLength());
    }

    /** PROTOCOL.md §7: a 503 status to the publisher's own subscription on the reply subject. */
    private void sendNoResponders(byte[] line, int replyOffset, int replyLength) {
        String reply = new String(line, replyOffset, replyLength, StandardCharsets.ISO_8859_1);
        Subscription own = connection.account().router().ownSubscriptionFor(connection, reply);
        if (own == null) {
            return;
        }
        reply(WireEncoder.statusMessage(reply, own.sidBytes(), WireEncoder.NO_RESPONDERS));
    }

    @Override
    public void onSubscribe(byte[] line, int subjectOffset, int subjectLength, int queueOffset, int queueLength,
                            int sidOffset, int sidLength) throws ProtocolViolation {
        trace.in("SUB", line, subjectOffset, sidOffset + sidLength - subjectOffset);
        settleAuthentication();
        batchActive = true;
        String subject = new String(line, subjectOffset, subjectLength, StandardCharsets.ISO_8859_1);
        String queue = queueLength < 0 ? null : new String(line, queueOffset, queueLength, StandardCharsets.ISO_8859_1);
        String refusal = authorization.subscribeRefusal(subject, queue);
        if (refusal != null) {
            stats.subscriptionRefused();
            reply(WireEncoder.err(refusal));
            return;
        }
        int max = maxSubscriptions();
        ClientSubscriptions subscriptions = connection.subscriptionTable();
        if (max >= 0 && subscriptions.count() >= max) {
            if (!maxSubscriptionsLogged) {
                LOG.error("{} - maximum subscriptions exceeded", connection);
                maxSubscriptionsLogged = true;
            } else {
                LOG.debug("{} - maximum subscriptions exceeded", connection);
            }
            stats.subscriptionRefused();
            reply(WireEncoder.err("maximum subscriptions exceeded"));
            return;
        }
        String sid = new String(line, sidOffset, sidLength, StandardCharsets.ISO_8859_1);
        if (subscriptions.get(sid) != null) {
            // A repeated sid is ignored, the first subscription kept (nats-server).
            okIfVerbose();
            return;
        }
        Subscription subscription = new Subscription(connection, subject, queue,
                Arrays.copyOfRange(line, sidOffset, sidOffset + sidLength));
        if (!subscriptions.add(subscription)) {
            reply(WireEncoder.err("Invalid Subject"));
            return;
        }
        if (connection.isClosed()) {
            // Closed while we subscribed: make sure nothing is left behind in routing.
            subscriptions.remove(subscription);
        }
        okIfVerbose();
    }

    /**
     * Subscriptions this client may hold, -1 for no limit: the lowest of the server's
     * max_subscriptions (0 there means none), its account's and its user JWT's (-1 there means
     * none), as nats-server's applyAccountLimits has it.
     */
    private int maxSubscriptions() {
        int server = config.maxSubscriptions() == 0 ? -1 : config.maxSubscriptions();
        AuthenticatedUser user = connection.security().user();
        long userLimit = user == null ? UserLimits.NO_LIMIT : user.limits().subs();
        return lowestLimit(lowestLimit(server, connection.account().limits().maxSubscriptions()), userLimit);
    }

    /** The lower of two limits where a negative one means none. */
    private static int lowestLimit(int a, long b) {
        if (b < 0) {
            return a;
        }
        int bounded = (int) Math.min(b, Integer.MAX_VALUE);
        return a < 0 ? bounded : Math.min(a, bounded);
    }

    @Override
    public void onUnsubscribe(byte[] line, int sidOffset, int sidLength, long maxMessages) throws ProtocolViolation {
        trace.in("UNSUB", line, sidOffset, sidLength);
        settleAuthentication();
        batchActive = true;
        String sid = new String(line, sidOffset, sidLength, StandardCharsets.ISO_8859_1);
        Subscription subscription = connection.subscriptionTable().get(sid);
        if (subscription != null) {
            if (maxMessages > 0 && maxMessages > subscription.delivered()) {
                subscription.maxMessages(maxMessages);
            } else {
                connection.unsubscribe(subscription);
            }
        }
        okIfVerbose();
    }

    @Override
    public void onPing() throws ProtocolViolation {
        trace.in("PING", null, 0, 0);
        settleAuthentication();
        reply(WireEncoder.PONG);
        connection.clientPinged();
        if (connectReceived && !firstPongSent) {
            firstPongSent = true;
            connection.firstPongSent();
            connection.sendOwnLimitsInfoIfChanged();
        }
    }

    @Override
    public void onPong() throws ProtocolViolation {
        trace.in("PONG", null, 0, 0);
        settleAuthentication();
        connection.pongReceived();
    }

    @Override
    public void onInfo(byte[] buf, int offset, int length) throws ProtocolViolation {
        trace.in("INFO", buf, offset, length);
        settleAuthentication();
        JsonCheck.requireObjectOrNull(buf, offset, length);
    }

    @Override
    public void onClientError(byte[] buf, int offset, int length) throws ProtocolViolation {
        String text = new String(buf, offset, length, StandardCharsets.UTF_8);
        LOG.error("{} - Client Error {}", connection, text);
        throw new ProtocolViolation(ProtocolError.CLIENT_ERROR, text);
    }

    private void okIfVerbose() {
        if (options.verbose()) {
            reply(WireEncoder.OK);
        }
    }

    /** A subject quoted the way Go's %q does it, for the texts of permission errors. */
    private static String quoted(byte[] line, int offset, int length) {
        return GoQuote.quote(line, offset, length);
    }
}
