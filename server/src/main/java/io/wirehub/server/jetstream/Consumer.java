package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.ConsumerConfig;
import io.wirehub.server.jetstream.api.ConsumerConfig.AckPolicy;
import io.wirehub.server.jetstream.api.ConsumerView;
import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoredMessage;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a stream, push or pull, delivering as nats-server 2.10 does: from its start
 * position through its filters, redeliveries first, each message with its {@code $JS.ACK} reply
 * subject; acks, NAKs, progress and terms on that subject; pull requests on
 * {@code CONSUMER.MSG.NEXT} with their status replies; idle heartbeats and flow control for push.
 *
 * <p>Concurrency: acks, pull requests and flow-control replies arrive on publishers' threads
 * ({@link #deliver}) and are only queued; the consumer's own virtual thread handles them and
 * delivers. All delivery state is guarded by {@link #lock}, which the stream's thread also takes
 * briefly when it appends or removes a message, and the API thread when it reads the state.
 */
final class Consumer implements ConsumerView, MessageSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);
    private static final long MAX_WAIT_NANOS = 1_000_000_000L;
    /** Deliveries between wake-ups of the receivers' writers. */
    private static final int FLUSH_EVERY = 256;
    /** Deliveries in one round before acks and requests are looked at again. */
    private static final int DELIVERIES_PER_ROUND = 4096;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] SID = "jsconsumer".getBytes(StandardCharsets.US_ASCII);


    private final ConsumerHost host;
    private final Router router;
    private final String name;
    private final Instant created;
    private final String ackPrefix;
    private final String nextSubject;
    private final String flowPrefix;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ConsumerInbox inbox = new ConsumerInbox();
    private final Thread worker;
    /**
     * Fair, so that the stream's thread (telling of a new or removed message) and the API thread
     * get in between two delivery rounds instead of waiting while the worker takes it again.
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ConsumerAdvisories advisories;
    /** Whether the created advisory is due when the worker starts (a new consumer, not a recovered one). */
    private volatile boolean announce;
    /** Replaced whole on update; read without the lock. */
    private volatile ConsumerConfig config;

    // --- Guarded by lock. ---
    /**
     * Every delivery, status, ack confirmation and advisory goes through this one internal
     * publisher, always under the lock (by the worker, or by the API thread deleting the
     * consumer), so it is never used by two threads at once.
     */
    private final InternalPublisher out;
    private final AckTracker acks = new AckTracker();
    private final PullQueue waiting;
    /** The next new messages, read from the store in batches. */
    private final ReadAhead readAhead = new ReadAhead();
    /** The last round stopped with more to send: the worker goes on without waiting. */
    private boolean moreToSend;
    /** The next stream sequence to look at, and the next consumer sequence to hand out. */
    private long streamSeq;
    private long consumerSeq = 1;
    private long deliveredConsumer;
    private long deliveredStream;
    private Instant lastDelivered;
    private Instant lastAck;
    /** last_per_subject: the initial set still to send, and the last sequence when it was taken. */
    private final TreeSet<Long> lastPerSubject = new TreeSet<>();
    private long lastPerSubjectResume;
    /** num_pending, kept up to date while valid; -1 when it must be counted again. */
    private long numPending = -1;
    /** System.nanoTime() of the last pull request or delivery, or of losing push interest. */
    private long lastActive = System.nanoTime();
    private boolean hadInterest;
    private long lastPushSend = System.nanoTime();
    /** Flow control: bytes sent since the last response, the window, the open request. */
    private final FlowControl flow;
    /** rate_limit_bps and replay original: no delivery before this System.nanoTime(). */
    private long nextSendAt;
    private long lastReplayTimestamp;
    private long replayUntilSeq;
    private boolean closed;
    /** Where and when a durable consumer of a file stream writes its state. */
    private final ConsumerPersistence persistence;
    /** Messages this consumer is done with, for the stream's retention, handed over after unlocking. */
    private final List<Long> done = new ArrayList<>();
    /** Ack confirmations (ack-sync), sent once the state holding the ack is written. */
    private final List<String> ackReplies = new ArrayList<>();

    Consumer(ConsumerHost host, Router router, InternalPublisher out, ConsumerConfig config, Instant created) {
        this.host = host;
        this.router = router;
        this.out = out;
        this.config = config;
        this.name = config.isDurable() ? config.durable() : config.name();
        this.created = created;
        this.ackPrefix = AckSubject.prefix(host.streamName(), name);
        this.nextSubject = "CONSUMER.MSG.NEXT." + host.streamName() + "." + name;
        this.flowPrefix = "$JS.FC." + host.streamName() + "." + name + ".";
        this.flow = new FlowControl(flowPrefix);
        this.waiting = new PullQueue(router, this::send);
        this.persistence = new ConsumerPersistence(host.streamName(), name);
        this.advisories = new ConsumerAdvisories(router, host.streamName(), name, host.domain());
        this.worker = Thread.ofVirtual().name("wirehub-consumer-" + host.streamName() + "-" + name).unstarted(this::run);
    }

    /** Starts where the config says (a new consumer; a recovered one is {@link #restore}d). */
    void selectStart() {
        lock.lock();
        try {
            StartPosition start = StartPosition.of(host.store(), config);
            streamSeq = start.streamSeq();
            consumerSeq = 1;
            deliveredStream = start.deliveredStream();
            lastPerSubject.addAll(start.lastPerSubject());
            lastPerSubjectResume = start.lastPerSubjectResume();
            replayUntilSeq = start.replayUntilSeq();
            numPending = -1;
            readAhead.clear();
        } finally {
            lock.unlock();
        }
    }

    void start() {
        String stream = host.streamName();
        subscriptions.add(new Subscription(this, ackPrefix + ">", null, SID));
        subscriptions.add(new Subscription(this, "$JS.API." + nextSubject, null, SID));
        if (!host.domain().isEmpty()) {
            subscriptions.add(new Subscription(this, "$JS." + host.domain() + ".API." + nextSubject, null, SID));
        }
        subscriptions.add(new Subscription(this, flowPrefix + "*", null, SID));
        subscriptions.forEach(router::subscribe);
        LOG.debug("Consumer '{} > {}' started", stream, name);
        worker.start();
    }

    // --- Persistence ---

    /** Keeps this consumer's config and state in {@code file} from now on (durables of file streams). */
    void persistTo(ConsumerStateFile file) {
        lock.lock();
        try {
            persistence.attach(file, config, created, this::snapshot);
        } finally {
            lock.unlock();
        }
    }

    /** Takes up the state written before a restart; pending messages come back after their ack wait. */
    void restore(ConsumerStateFile.Snapshot s) {
        lock.lock();
        try {
            streamSeq = Math.max(1, s.nextStreamSeq());
            consumerSeq = Math.max(1, s.nextConsumerSeq());
            deliveredConsumer = s.deliveredConsumer();
            deliveredStream = s.deliveredStream();
            acks.ackFloorConsumer = s.ackFloorConsumer();
            acks.ackFloorStream = s.ackFloorStream();
            long now = System.nanoTime();
            for (long[] p : s.pending()) {
                acks.track(p[0], p[1], p[2], now + ackWait(p[2]));
            }
            numPending = -1;
            readAhead.clear();
        } finally {
            lock.unlock();
        }
    }

    /** The state to write (under lock). */
    private ConsumerStateFile.Snapshot snapshot() {
        List<long[]> pending = new ArrayList<>(acks.pending.size());
        for (Map.Entry<Long, AckTracker.Pending> e : acks.pending.entrySet()) {
            pending.add(new long[] {e.getKey(), e.getValue().consumerSeq, acks.deliveryCount(e.getKey())});
        }
        return new ConsumerStateFile.Snapshot(streamSeq, consumerSeq, deliveredConsumer, deliveredStream,
                acks.ackFloorConsumer, acks.ackFloorStream, pending);
    }

    // --- ConsumerView ---

    @Override
    public String name() {
        return name;
    }

    @Override
    public ConsumerConfig config() {
        return config;
    }

    @Override
    public Instant created() {
        return created;
    }

    @Override
    public ConsumerState state() {
        lock.lock();
        try {
            long waitingCount = config.isPush() ? 0 : waiting.size();
            return new ConsumerState(deliveredConsumer, deliveredStream, lastDelivered, acks.ackFloorConsumer,
                    acks.ackFloorStream, lastAck, acks.pending.size(), acks.deliveries.size(), waitingCount,
                    numPending(), config.isPush() && router.hasInterest(config.deliverSubject()));
        } finally {
            lock.unlock();
        }
    }

    /** A new config from CONSUMER.CREATE on an existing consumer (only what may change, checked). */
    void update(ConsumerConfig newConfig) {
        lock.lock();
        try {
            persistence.writeMeta(newConfig, created);
            boolean filtersChanged = !newConfig.filters().equals(config.filters());
            config = newConfig;
            if (filtersChanged) {
                numPending = -1;
                readAhead.clear();
            }
        } finally {
            lock.unlock();
        }
        wake();
    }

    // --- Messages from the stream ---

    /** On the stream's thread: a message was stored. */
    void appended(long seq, String subject) {
        lock.lock();
        try {
            if (numPending >= 0 && seq >= streamSeq && matches(subject) && lastPerSubject.isEmpty()) {
                numPending++;
            }
        } finally {
            lock.unlock();
        }
        wake();
    }

    /** On the thread that removed it: a message left the stream. */
    void removed(long seq, String subject) {
        lock.lock();
        try {
            acks.forget(seq);
            if (numPending >= 0 && seq >= streamSeq && matches(subject)) {
                numPending = lastPerSubject.isEmpty() ? numPending - 1 : -1;
            }
            lastPerSubject.remove(seq);
            readAhead.removed(seq);
        } finally {
            lock.unlock();
        }
    }

    /** nats-server's isEqualOrSubsetMatch: one of the filters lies within {@code subject}. */
    boolean withinFilter(String subject) {
        return ConsumerFilters.withinFilter(config.filters(), subject);
    }

    /** nats-server's isFilteredMatch: unfiltered, or {@code subject} lies within one of the filters. */
    boolean wantsAnyOf(String subject) {
        return ConsumerFilters.wantsAnyOf(config.filters(), subject);
    }

    /**
     * The stream was purged, as nats-server's consumer purge takes it: nothing below {@code start}
     * (0: past {@code lastSeq}) is delivered or pending any more, and the floors move up to it.
     * A {@code wider} consumer (the purge took only part of what it reads) keeps its position.
     */
    void purged(long start, long lastSeq, boolean wider) {
        lock.lock();
        try {
            long seq = start == 0 && !wider ? lastSeq + 1 : start;
            if (streamSeq < seq) {
                streamSeq = seq;
            }
            if (acks.ackFloorStream < seq) {
                acks.ackFloorStream = seq - 1;
                var below = acks.pending.headMap(seq, false);
                for (AckTracker.Pending p : below.values()) {
                    acks.ackFloorConsumer = Math.max(acks.ackFloorConsumer, p.consumerSeq);
                }
                for (Long s : new ArrayList<>(below.keySet())) {
                    acks.forget(s);
                }
            }
            if (acks.pending.isEmpty()) {
                acks.ackFloorConsumer = consumerSeq - 1;
                acks.ackFloorStream = streamSeq - 1;
            }
            acks.redeliver.removeIf(s -> s < streamSeq && !acks.pending.containsKey(s));
            lastPerSubject.headSet(streamSeq, false).clear();
            // nats-server writes its state from its positions here.
            deliveredConsumer = consumerSeq - 1;
            deliveredStream = streamSeq - 1;
            numPending = -1;
            readAhead.clear();
            persistence.changed();
        } finally {
            lock.unlock();
        }
        wake();
    }

    boolean matches(String subject) {
        return ConsumerFilters.matches(config.filters(), subject);
    }

    /** Whether a message is still wanted by this consumer (interest retention). */
    boolean stillNeeds(long seq, String subject) {
        lock.lock();
        try {
            if (!matches(subject)) {
                return false;
            }
            return seq >= streamSeq || acks.pending.containsKey(seq)
                    || config.ackPolicy() == AckPolicy.ALL && seq > acks.ackFloorStream;
        } finally {
            lock.unlock();
        }
    }

    private long numPending() {
        if (numPending < 0) {
            MessageStore store = host.store();
            List<String> filters = config.filters();
            long from = lastPerSubject.isEmpty() ? streamSeq : lastPerSubjectResume + 1;
            long count = 0;
            if (filters.isEmpty()) {
                count = store.numPending(from, null);
            } else {
                for (String f : filters) {
                    count += store.numPending(from, f);
                }
            }
            numPending = count + lastPerSubject.size();
        }
        return numPending;
    }

    // --- MessageSink: acks, pull requests, flow-control replies ---

    @Override
    public boolean deliver(Subscription subscription, PublishedMessage message) {
        InboundMessage m = InboundMessage.copyOf(message);
        if (!inbox.offer(m.subject(), m.reply(), m.payload())) {
            LOG.warn("Consumer '{} > {}' queue limit reached, dropping a message on {}", host.streamName(), name,
                    m.subject());
        }
        return true;
    }

    @Override
    public void flushSignal() {
    }

    void wake() {
        inbox.wake();
    }

    // --- The consumer's thread ---

    /** A new consumer (not one recovered at start) sends the created advisory once it runs. */
    void announceCreated() {
        announce = true;
    }

    private void run() {
        if (announce) {
            lock.lock();
            try {
                advisories.action(out, true);
                out.flush();
            } finally {
                lock.unlock();
            }
        }
        List<ConsumerInbox.Work> batch = new ArrayList<>();
        long wait = 0;
        while (true) {
            try {
                inbox.take(batch, wait);
            } catch (InterruptedException e) {
                return;
            }
            boolean inactive;
            List<Long> finished = List.of();
            lock.lock();
            try {
                for (ConsumerInbox.Work w : batch) {
                    if (w.kind() == ConsumerInbox.Kind.STOP || closed) {
                        return;
                    }
                    handle(w);
                }
                batch.clear();
                long now = System.nanoTime();
                wait = tick(now);
                inactive = inactiveSince(now);
                // Writes are coalesced (as nats-server's flusher does), except when an ack-sync
                // waits for its confirmation: that one is written first.
                long persistDue = persistence.writeIfDue(now, !ackReplies.isEmpty(), this::snapshot);
                if (persistDue > 0) {
                    wait = Math.min(wait, persistDue);
                }
                for (String reply : ackReplies) {
                    out.publish(reply, null, null, EMPTY, 0, 0);
                }
                ackReplies.clear();
                if (!done.isEmpty()) {
                    finished = new ArrayList<>(done);
                    done.clear();
                }
            } catch (RuntimeException e) {
                LOG.error("Consumer '{} > {}' failed: {}", host.streamName(), name, e.toString(), e);
                wait = MAX_WAIT_NANOS;
                inactive = false;
            } finally {
                out.flush();
                lock.unlock();
            }
            for (long seq : finished) {
                host.acknowledged(this, seq);
            }
            if (inactive) {
                host.inactive(this);
                return;
            }
        }
    }

    private void handle(ConsumerInbox.Work w) {
        switch (w.kind()) {
            case ACK -> processAck(w.subject(), w.reply(), w.body());
            case NEXT -> {
                if (w.reply() != null) {
                    processNext(w.reply(), w.body());
                }
            }
            case FLOW -> flow.answered(w.subject());
            default -> {
            }
        }
    }

    /** One round: timeouts, expired requests, deliveries, heartbeats. Returns how long to sleep. */
    private long tick(long now) {
        moreToSend = false;
        long next = now + MAX_WAIT_NANOS;
        next = Math.min(next, checkAckTimeouts(now));
        if (!config.isPush()) {
            next = Math.min(next, processWaiting(now, false));
        }
        next = Math.min(next, deliverAvailable(now));
        if (!config.isPush()) {
            processWaiting(now, true);
            next = Math.min(next, processWaiting(now, false));
        } else {
            next = Math.min(next, pushHeartbeat(now));
        }
        if (nextSendAt > now) {
            next = Math.min(next, nextSendAt);
        }
        // What was just delivered has ack deadlines of its own.
        next = Math.min(next, checkAckTimeouts(now));
        if (moreToSend) {
            return 0;
        }
        return Math.max(1_000_000L, next - now);
    }

    // --- Acks ---

    private void processAck(String subject, String reply, byte[] body) {
        AckSubject.Parsed ack = AckSubject.parse(subject, ackPrefix);
        if (ack == null) {
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        boolean answer;
        if (text.isEmpty() || text.equals("+ACK") || text.equals("+OK")) {
            answer = ackMessage(ack.streamSeq(), ack.consumerSeq(), ack.deliveries(), true);
        } else if (text.startsWith("+NXT")) {
            ackMessage(ack.streamSeq(), ack.consumerSeq(), ack.deliveries(), true);
            if (reply != null) {
                processNext(reply, text.substring(4).getBytes(StandardCharsets.UTF_8));
            }
            answer = false;
        } else if (text.startsWith("-NAK")) {
            nak(ack.streamSeq(), ack.consumerSeq(), text.substring(4).strip());
            answer = true;
        } else if (text.equals("+WPI")) {
            AckTracker.Pending p = acks.pending.get(ack.streamSeq());
            if (p != null) {
                acks.setDeadline(p, System.nanoTime() + ackWait(acks.deliveryCount(ack.streamSeq())));
                p.deliveredAt = Stream.wallClockNanos();
            }
            answer = true;
        } else if (text.startsWith("+TERM")) {
            boolean wasPending = acks.pending.containsKey(ack.streamSeq());
            answer = ackMessage(ack.streamSeq(), ack.consumerSeq(), ack.deliveries(), false);
            if (answer && wasPending) {
                advisories.terminated(out, ack.consumerSeq(), ack.streamSeq(), ack.deliveries(),
                        text.substring(5).strip());
            }
        } else {
            answer = true;
        }
        if (answer && reply != null) {
            ackReplies.add(reply);
        }
        persistence.changed();
    }

    /** processAckMsg: false when the sequence was never delivered (no ack reply then). */
    private boolean ackMessage(long seq, long consumerSeqOfAck, long deliveriesOfAck, boolean sample) {
        if (seq >= streamSeq) {
            return false;
        }
        ConsumerConfig c = config;
        if (c.ackPolicy() == AckPolicy.EXPLICIT) {
            AckTracker.Pending p = acks.pending.get(seq);
            if (p != null && sample && ConsumerAdvisories.sampled(c.sampleFrequency())) {
                advisories.ackMetric(out, consumerSeqOfAck, seq, Stream.wallClockNanos() - p.deliveredAt,
                        deliveriesOfAck);
            }
            if (acks.ackExplicit(seq, consumerSeq, streamSeq)) {
                lastAck = Instant.now();
                done.add(seq);
            }
            return true;
        }
        if (c.ackPolicy() == AckPolicy.ALL) {
            List<Long> doneNow = acks.ackAll(seq, consumerSeqOfAck);
            if (!doneNow.isEmpty()) {
                lastAck = Instant.now();
                done.addAll(doneNow);
            }
        }
        return true;
    }

    private void nak(long seq, long consumerSeqOfAck, String argument) {
        if (consumerSeqOfAck <= acks.ackFloorConsumer || consumerSeqOfAck > consumerSeq) {
            return;
        }
        AckTracker.Pending p = acks.pending.get(seq);
        if (p == null) {
            return;
        }
        persistence.changed();
        advisories.nak(out, consumerSeqOfAck, seq, acks.deliveryCount(seq));
        long delay = argument.isEmpty() ? 0 : NakDelay.parse(argument);
        if (delay > 0) {
            acks.redeliver.remove(seq);
            acks.setDeadline(p, System.nanoTime() + delay);
        } else {
            acks.redeliver.add(seq);
        }
    }

    /** How long to wait for an ack after delivery number {@code deliveries}. */
    private long ackWait(long deliveries) {
        List<Long> backoff = config.backoffNanos();
        if (!backoff.isEmpty()) {
            int i = (int) Math.min(deliveries - 1, backoff.size() - 1);
            return backoff.get(Math.max(0, i));
        }
        return config.ackWaitNanos();
    }

    /**
     * Pending messages whose ack wait ended go on the redelivery queue. Whether they are past
     * max_deliver is decided when they would be sent again ({@link #peek}), as nats-server does:
     * only then do they leave the pending count and is the advisory sent.
     */
    private long checkAckTimeouts(long now) {
        return acks.queueExpired(now);
    }

    // --- Pull requests ---

    private void processNext(String reply, byte[] body) {
        ConsumerConfig c = config;
        if (c.isPush()) {
            send(reply, ConsumerStatus.simple(409, "Consumer is push based"));
            return;
        }
        long now = System.nanoTime();
        if (waiting.add(reply, body, c, now, this::available)) {
            lastActive = now;
        }
    }

    /** Messages that could be sent now: not yet delivered, plus those due again. */
    private long available() {
        return numPending() + acks.redeliver.size();
    }

    private long processWaiting(long now, boolean eos) {
        return waiting.expire(now, eos, this::available, consumerSeq - 1, streamSeq - 1);
    }

    // --- Delivery ---

    /** A message about to go out: what, how many times, and whether it is a redelivery. */
    private record Next(StoredMessage message, long deliveries, boolean redelivery) {
    }

    private Next peek() {
        ConsumerConfig c = config;
        MessageStore store = host.store();
        while (!acks.redeliver.isEmpty()) {
            long seq = acks.redeliver.getFirst();
            long dc = acks.deliveryCount(seq);
            if (c.maxDeliver() > 0 && dc >= c.maxDeliver()) {
                // Out of deliveries: no longer pending, still counted as redelivered; told once.
                acks.redeliver.remove(seq);
                acks.pending.remove(seq);
                acks.deliveries.put(seq, dc + 1);
                persistence.changed();
                advisories.maxDeliveries(out, seq, dc);
                continue;
            }
            var m = store.load(seq);
            if (m.isPresent()) {
                return new Next(m.get(), acks.deliveryCount(seq) + 1, true);
            }
            acks.forget(seq);
        }
        if (c.ackPolicy() != AckPolicy.NONE && c.maxAckPending() > 0 && acks.pending.size() >= c.maxAckPending()) {
            return null;
        }
        while (!lastPerSubject.isEmpty()) {
            long seq = lastPerSubject.first();
            var m = store.load(seq);
            if (m.isPresent()) {
                return new Next(m.get(), 1, false);
            }
            lastPerSubject.removeFirst();
        }
        if (lastPerSubjectResume > 0 && streamSeq <= lastPerSubjectResume) {
            streamSeq = lastPerSubjectResume + 1;
            lastPerSubjectResume = 0;
            numPending = -1;
        }
        StoredMessage m = readAhead.next(store, c.filters(), streamSeq);
        return m == null ? null : new Next(m, 1, false);
    }

    /** Sends while there is someone to send to and something to send. Returns the next deadline. */
    private long deliverAvailable(long now) {
        ConsumerConfig c = config;
        int sent = 0;
        while (true) {
            if (sent >= DELIVERIES_PER_ROUND || sent > 0 && lock.hasQueuedThreads()) {
                // Come back at once, after the acks and requests that arrived meanwhile, and after
                // whoever waits for the lock (the stream telling of a new or removed message).
                moreToSend = true;
                return now;
            }
            String destination = null;
            PullRequest request = null;
            if (c.isPush()) {
                if (!router.hasInterest(c.deliverSubject())) {
                    return Long.MAX_VALUE;
                }
                if (c.flowControl() && flow.stalled()) {
                    return Long.MAX_VALUE;
                }
                destination = c.deliverSubject();
            } else if (waiting.isEmpty()) {
                return Long.MAX_VALUE;
            }
            if (nextSendAt - now > 0) {
                return nextSendAt;
            }
            Next next = peek();
            if (next == null) {
                return Long.MAX_VALUE;
            }
            StoredMessage m = next.message();
            long pendingAfter = next.redelivery() ? numPending() : Math.max(0, numPending() - 1);
            // nats-server gives every delivery its ack subject, ack policy none included.
            String ackReply = AckSubject.of(ackPrefix, next.deliveries(), m.seq(), consumerSeq, m.timestampNanos(), pendingAfter);
            byte[] headers = m.headers();
            byte[] payload = m.payload();
            if (c.headersOnly()) {
                headers = HeadersOnly.headers(m.headers(), m.payload().length);
                payload = EMPTY;
            }
            long size = m.subject().length() + ackReply.length() + headers.length + payload.length;
            if (!c.isPush()) {
                request = waiting.take(size, now);
                if (request == null) {
                    return Long.MAX_VALUE;
                }
                destination = request.reply;
            }
            if (c.replayPolicy() == ConsumerConfig.ReplayPolicy.ORIGINAL && !next.redelivery()
                    && m.seq() <= replayUntilSeq && lastReplayTimestamp > 0) {
                long gap = m.timestampNanos() - lastReplayTimestamp;
                if (gap > 1_000_000 && nextSendAt == 0) {
                    nextSendAt = now + gap;
                    if (request != null) {
                        waiting.putBack(request);
                    }
                    return nextSendAt;
                }
            }
            nextSendAt = 0;
            commit(next, pendingAfter);
            out.publishAs(destination, m.subject(), ackReply, headers.length == 0 ? null : headers, payload);
            if (++sent % FLUSH_EVERY == 0) {
                // Wake the subscribers' writers while the backlog is still being sent.
                out.flush();
            }
            lastReplayTimestamp = m.timestampNanos();
            lastActive = now;
            lastPushSend = now;
            if (request != null) {
                request.delivered++;
                request.remaining--;
                if (request.bytesLeft > 0) {
                    request.bytesLeft = Math.max(0, request.bytesLeft - size);
                }
                if (request.remaining > 0 && (request.maxBytes == 0 || request.bytesLeft > 0)) {
                    // nats-server serves waiting requests in turn, one message each.
                    waiting.requeue(request);
                } else if (request.remaining <= 0 && request.maxBytes > 0 && request.bytesLeft > 0) {
                    send(request.reply, ConsumerStatus.withPending(409, "Batch Completed", 0, request.bytesLeft));
                }
            }
            if (c.rateLimitBps() > 0) {
                nextSendAt = now + size * 8L * 1_000_000_000L / c.rateLimitBps();
            }
            if (c.isPush() && c.flowControl()) {
                String flowReply = flow.sent(size);
                if (flowReply != null) {
                    out.publishAs(c.deliverSubject(), c.deliverSubject(), flowReply,
                            ConsumerStatus.flowControlRequest(), EMPTY);
                }
            }
        }
    }

    /** Records a delivery about to be sent. */
    private void commit(Next next, long pendingAfter) {
        StoredMessage m = next.message();
        long seq = m.seq();
        long dseq = consumerSeq++;
        if (next.redelivery()) {
            acks.redeliver.remove(seq);
        } else {
            if (!lastPerSubject.isEmpty() && lastPerSubject.first() == seq) {
                lastPerSubject.removeFirst();
            }
            streamSeq = Math.max(streamSeq, seq + 1);
            numPending = pendingAfter;
        }
        persistence.changed();
        deliveredConsumer = Math.max(deliveredConsumer, dseq);
        deliveredStream = Math.max(deliveredStream, seq);
        lastDelivered = Instant.now();
        if (config.ackPolicy() == AckPolicy.NONE) {
            acks.ackFloorConsumer = dseq;
            acks.ackFloorStream = seq;
            done.add(seq);
        } else {
            acks.track(seq, dseq, next.deliveries(), System.nanoTime() + ackWait(next.deliveries()));
        }
    }

    // --- Push: heartbeats and flow control ---

    private long pushHeartbeat(long now) {
        ConsumerConfig c = config;
        boolean interest = router.hasInterest(c.deliverSubject());
        if (interest != hadInterest) {
            hadInterest = interest;
            lastActive = now;
        }
        if (c.heartbeatNanos() <= 0) {
            return Long.MAX_VALUE;
        }
        if (now - lastPushSend >= c.heartbeatNanos()) {
            if (interest) {
                send(c.deliverSubject(), ConsumerStatus.idleHeartbeat(consumerSeq - 1, streamSeq - 1,
                        flow.openRequest()));
            }
            lastPushSend = now;
        }
        return lastPushSend + c.heartbeatNanos();
    }

    // --- Inactivity ---

    private boolean inactiveSince(long now) {
        long threshold = config.inactiveThresholdNanos();
        if (threshold <= 0) {
            return false;
        }
        if (config.isPush()) {
            return !hadInterest && now - lastActive > threshold;
        }
        return waiting.isEmpty() && now - lastActive > threshold;
    }

    private void send(String subject, byte[] statusHeaders) {
        out.publish(subject, null, statusHeaders, EMPTY, 0, 0);
    }

    /** Stops delivering; waiting pull requests are told with {@code 409 Consumer Deleted} when asked. */
    void stop(boolean deleted) {
        subscriptions.forEach(router::unsubscribe);
        lock.lock();
        try {
            if (deleted) {
                waiting.endAll(ConsumerStatus.simple(409, "Consumer Deleted"));
                advisories.action(out, false);
                out.flush();
            }
            waiting.clear();
            closed = true;
            if (deleted) {
                persistence.forget();
            }
        } finally {
            lock.unlock();
        }
        inbox.stop();
        if (Thread.currentThread() != worker) {
            try {
                worker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop(false);
    }
}
