package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.JsApiException;
import io.wirehub.server.jetstream.api.JsErrorKind;
import io.wirehub.server.jetstream.api.SourceInfo;
import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.api.StreamView;
import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoreException;
import io.wirehub.server.jetstream.store.StoreLimits;
import io.wirehub.server.jetstream.store.StoreState;
import io.wirehub.server.jetstream.store.StoredMessage;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stream: its config, its store, the subscriptions that capture its subjects (and answer
 * direct gets), and the operations of the STREAM.* requests. Messages arrive through its
 * {@link StreamIngest} and are written by its {@link StreamWriter}.
 *
 * <p>Concurrency: the stream's worker thread writes; the account's API thread reads, purges,
 * deletes and updates. {@link #lock} makes each write (checks and append) and each API change one
 * step, so an expected-last-sequence check never races a purge.
 */
final class Stream implements StreamView, ConsumerHost, AutoCloseable {
    private static final byte[] SID = "jsstream".getBytes(StandardCharsets.US_ASCII);
    /** nats-server's dgetCaughtUpThresh: the lag below which a mirror serves its origin's direct gets. */
    private static final long MIRROR_DIRECT_LAG = 10;

    private final Router router;
    private final MessageStore store;
    private final Instant created;
    private final StreamIngest ingest;
    private final DirectGet directGet;
    /** The JetStream domain ("" for none): direct gets are answered on its API prefix too. */
    private final String domain;
    /** The account's mirror and source links: who is fed from this stream, and where this one's origins are. */
    private final FeedRegistry registry;
    private final ReentrantLock lock = new ReentrantLock();
    private final StreamServices services;
    /** {@code <stream dir>/obs}: where durable consumers keep their state; null for memory streams. */
    private volatile java.nio.file.Path consumersDir;
    /** Changed by the API thread (and a consumer's own thread when it expires); read by any. */
    private final java.util.concurrent.ConcurrentSkipListMap<String, Consumer> consumers =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Written under lock; read without it (a reader sees the old or the new config, whole). */
    private volatile StreamConfig config;
    // Guarded by lock.
    private final StreamWriter writer;
    private final List<Subscription> subscriptions = new ArrayList<>();
    /**
     * A mirror with mirror_direct answers direct gets on its origin's name too, once it has
     * caught up to within {@link #MIRROR_DIRECT_LAG} messages, as nats-server does. Guarded by lock.
     */
    private final List<Subscription> mirrorDirect = new ArrayList<>();
    /** A message stored by a publish whose PubAck and consumers wait for {@link #settle}. */
    private record Unsettled(long seq, String subject) {
    }

    /** The publishes stored since the last settle, in order. Used by the worker thread only. */
    private final List<Unsettled> unsettled = new ArrayList<>();
    /** The mirror or sources this stream takes messages from; replaced under lock, read by info without it. */
    private volatile StreamFeeds feeds;

    /**
     * @param recovered true when the store was opened from disk (dedupe ids are then read lazily)
     */
    Stream(StreamConfig config, Instant created, MessageStore store, Router router, StreamServices services,
           boolean recovered) {
        this.config = config;
        this.created = created;
        this.store = store;
        this.router = router;
        this.writer = new StreamWriter(store, new PubAckWriter(config.name(), services.domain()), config,
                recovered, Stream::wallClockNanos);
        this.writer.storageLimit(services.storageLimit());
        this.writer.interest(subject -> consumers.values().stream().anyMatch(c -> c.matches(subject)));
        this.directGet = new DirectGet(this);
        this.domain = services.domain();
        this.services = services;
        store.addRemovalListener((seq, subject) -> consumers.values().forEach(c -> c.removed(seq, subject)));
        this.ingest = new StreamIngest(config.name(), new StreamIngest.Handler() {
            @Override
            public List<StreamIngest.Outgoing> handle(StreamIngest.Kind kind, InboundMessage message) {
                return Stream.this.handle(kind, message);
            }

            @Override
            public void settle() {
                Stream.this.settle();
            }
        }, services.publisher());
        this.registry = services.feeds();
        this.feeds = StreamFeeds.of(config, store);
    }

    static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The store limits a config asks for. */
    static StoreLimits limitsOf(StreamConfig c) {
        return new StoreLimits(c.maxMsgs(), c.maxBytes(), Duration.ofNanos(c.maxAgeNanos()), c.maxMsgsPerSubject(),
                c.maxMsgSize(), c.discard() == StreamConfig.Discard.NEW, c.discardNewPerSubject());
    }

    /** Starts the worker and subscribes to the stream's subjects. */
    void start() {
        ingest.start();
        lock.lock();
        try {
            subscribe();
            registry.attach(this, feeds.origins());
        } finally {
            lock.unlock();
        }
        wakeFeeds();
        // Streams waiting for this one as their origin (created or recovered before it) start now.
        registry.stored(config.name());
    }

    private void subscribe() {
        for (String subject : config.subjects()) {
            add(new Subscription(ingest, subject, null, SID), false);
        }
        if (config.allowDirect()) {
            subscribeDirect();
        }
    }

    /** Direct gets: a queue subscription in group _sys_ per form, on each API prefix. */
    private void subscribeDirect() {
        List<String> prefixes = domain.isEmpty() ? List.of("$JS.API.") : List.of("$JS.API.", "$JS." + domain + ".API.");
        for (String api : prefixes) {
            String prefix = api + "DIRECT.GET." + config.name();
            add(new Subscription(ingest, prefix, "_sys_", SID), true);
            add(new Subscription(ingest, prefix + ".>", "_sys_", SID), true);
        }
    }

    /**
     * Brings the subscriptions in line with the config: new subjects are subscribed before the
     * dropped ones go, and a subject kept is never unsubscribed, so no publish to it meets a
     * moment without the stream (a no-responders answer) or with it twice (stored twice).
     */
    private void resubscribe() {
        List<Subscription> before = new ArrayList<>(subscriptions);
        subscriptions.clear();
        java.util.Set<String> wanted = new java.util.HashSet<>(config.subjects());
        for (Subscription kept : before) {
            boolean direct = kept.queue() != null;
            if (!direct && wanted.remove(kept.subject())) {
                subscriptions.add(kept);
            }
        }
        for (String subject : wanted) {
            add(new Subscription(ingest, subject, null, SID), false);
        }
        List<Subscription> directBefore = before.stream().filter(sub -> sub.queue() != null).toList();
        if (config.allowDirect() && !directBefore.isEmpty()) {
            subscriptions.addAll(directBefore);
        } else if (config.allowDirect()) {
            subscribeDirect();
        }
        for (Subscription sub : before) {
            if (!subscriptions.contains(sub)) {
                router.unsubscribe(sub);
                ingest.forget(sub);
            }
        }
    }

    private void add(Subscription subscription, boolean direct) {
        if (direct) {
            ingest.directGet(subscription);
        }
        subscriptions.add(subscription);
        router.subscribe(subscription);
    }

    private void unsubscribe() {
        for (Subscription subscription : subscriptions) {
            router.unsubscribe(subscription);
            ingest.forget(subscription);
        }
        subscriptions.clear();
    }

    /** On the worker thread. */
    private List<StreamIngest.Outgoing> handle(StreamIngest.Kind kind, InboundMessage message) {
        if (kind == StreamIngest.Kind.DIRECT_GET) {
            return directGet.answer(message).map(List::of).orElse(List.of());
        }
        if (kind == StreamIngest.Kind.FEED) {
            return pullFromOrigins();
        }
        List<StreamIngest.Outgoing> out = new ArrayList<>(2);
        Optional<byte[]> ack;
        boolean noAck;
        long before;
        long after;
        lock.lock();
        try {
            noAck = config.noAck();
            before = store.state().lastSeq();
            ack = writer.write(message, config, out);
            after = store.state().lastSeq();
        } finally {
            lock.unlock();
        }
        if (after > before) {
            // One write stores at most one message, under its transformed subject.
            unsettled.add(new Unsettled(after, writer.storedSubject(message)));
        }
        if (!noAck && ack.isPresent()) {
            out.add(StreamIngest.Outgoing.reply(null, ack.get()));
        }
        return out;
    }

    /**
     * On the worker thread, after a batch of publishes and before their PubAcks go out: waits once
     * until the newest is durable (under sync_interval always one fsync covers the whole batch;
     * otherwise at once), then tells the consumers and the streams fed from this one, in order.
     */
    private void settle() {
        if (unsettled.isEmpty()) {
            return;
        }
        try {
            store.awaitDurable(unsettled.getLast().seq());
        } finally {
            // Stored either way: consumers see what the store holds, only the PubAcks wait on the sync.
            for (Unsettled each : unsettled) {
                for (Consumer c : consumers.values()) {
                    c.appended(each.seq(), each.subject());
                }
            }
            unsettled.clear();
            registry.stored(config.name());
        }
    }

    /**
     * Queues a pull from this stream's mirror or sources, unless one is queued already. Called
     * when an origin stored something, at start, and by the JetStream timer every second (which
     * also retries an origin that was missing).
     */
    void wakeFeeds() {
        StreamFeeds current = feeds;
        if (current.schedule() && !ingest.feed()) {
            current.ran();
        }
    }

    /** On the worker thread: one batch from each origin, stored as a mirror or a source stores it. */
    private List<StreamIngest.Outgoing> pullFromOrigins() {
        List<StreamIngest.Outgoing> out = new ArrayList<>();
        int[] taken = new int[1];
        boolean more;
        lock.lock();
        try {
            StreamFeeds current = feeds;
            current.ran();
            more = current.pull(registry::origin, (feed, m) -> {
                boolean stored = take(feed, m, out);
                taken[0] += stored ? 1 : 0;
                return stored;
            });
            subscribeMirrorDirectOnceCaughtUp();
        } finally {
            lock.unlock();
        }
        if (taken[0] > 0) {
            registry.stored(config.name());
        }
        if (more) {
            wakeFeeds();
        }
        return out;
    }

    /** Under lock. Only the API prefix without a domain, as nats-server subscribes it. */
    private void subscribeMirrorDirectOnceCaughtUp() {
        StreamConfig c = config;
        if (c.mirror() == null || !c.mirrorDirect() || !mirrorDirect.isEmpty()) {
            return;
        }
        Optional<SourceInfo> info = feeds.mirrorInfo(registry::origin);
        if (info.isEmpty() || info.get().error() != null || info.get().lag() >= MIRROR_DIRECT_LAG) {
            return;
        }
        String prefix = "$JS.API.DIRECT.GET." + c.mirror().name();
        for (String subject : List.of(prefix, prefix + ".>")) {
            Subscription sub = new Subscription(ingest, subject, "_sys_", SID);
            ingest.directGet(sub);
            mirrorDirect.add(sub);
            router.subscribe(sub);
        }
    }

    /**
     * Under lock: a mirror keeps the origin's sequence and time; a source appends with a
     * Nats-Stream-Source header. False when the message must be offered again later.
     */
    private boolean take(SourceFeed feed, StoredMessage m, List<StreamIngest.Outgoing> out) {
        String subject = feed.subjectFor(m.subject());
        if (feed.isMirror()) {
            writer.mirror(m, subject, config);
            return true;
        }
        byte[] headers = SourceHeader.sourced(m.headers(), SourceHeader.value(feed.indexName(), m.seq()));
        writer.write(new InboundMessage(subject, null, headers, m.payload()), config, out);
        // At max_msgs with discard new the message waits for room, as nats-server retries it;
        // any other refusal skips it (nats-server retries from the next one).
        return !writer.refusedAtMaxMsgs();
    }

    @Override
    public Optional<SourceInfo> mirrorInfo() {
        return feeds.mirrorInfo(registry::origin);
    }

    @Override
    public List<SourceInfo> sourcesInfo() {
        return feeds.sourcesInfo(registry::origin);
    }

    /** Takes a new, validated config: limits at once, subscriptions when subjects or direct get change. */
    void update(StreamConfig newConfig) {
        lock.lock();
        try {
            StreamConfig old = config;
            config = newConfig;
            store.updateLimits(limitsOf(newConfig));
            writer.configure(newConfig);
            if (!old.subjects().equals(newConfig.subjects()) || old.allowDirect() != newConfig.allowDirect()) {
                resubscribe();
            }
            if (!old.sources().equals(newConfig.sources())) {
                feeds = feeds.reconfigured(newConfig, store);
                registry.attach(this, feeds.origins());
            }
        } finally {
            lock.unlock();
        }
        wakeFeeds();
    }

    /** Removes what max_age no longer allows, and forgets expired duplicate ids; called on a timer. */
    void expire() {
        if (config().maxAgeNanos() > 0) {
            store.expire();
        }
        lock.lock();
        try {
            writer.expireIds();
        } finally {
            lock.unlock();
        }
    }

    /** fsyncs what the store has written (the sync_interval timer). */
    void sync() {
        store.sync();
    }

    boolean isMemory() {
        return config().storage() == StreamConfig.Storage.MEMORY;
    }

    @Override
    public StreamConfig config() {
        return config;
    }

    @Override
    public Instant created() {
        return created;
    }

    @Override
    public StoreState state() {
        return store.state();
    }

    @Override
    public List<Long> deleted() {
        StoreState state = store.state();
        List<Long> deleted = new ArrayList<>();
        if (state.msgs() == 0) {
            return deleted;
        }
        long expected = state.firstSeq();
        while (expected <= state.lastSeq()) {
            Optional<StoredMessage> next = store.loadNext(null, expected);
            long upTo = next.map(StoredMessage::seq).orElse(state.lastSeq() + 1);
            for (long seq = expected; seq < upTo; seq++) {
                deleted.add(seq);
            }
            expected = upTo + 1;
        }
        return deleted;
    }

    @Override
    public Map<String, Long> subjectTotals(String filter) {
        return store.subjectTotals(filter);
    }

    @Override
    public long purge(String filter, long seq, long keep) throws JsApiException {
        lock.lock();
        try {
            long purged = store.purge(filter.isEmpty() ? null : filter, seq, keep);
            StoreState after = store.state();
            // nats-server's consumer purge: a filtered purge starts consumers whose filter lies within
            // it at the first message left on that subject; wider consumers at the stream's first.
            long filteredFirst = filter.isEmpty() ? after.firstSeq()
                    : store.loadNext(filter, after.firstSeq()).map(StoredMessage::seq).orElse(0L);
            for (Consumer c : consumers.values()) {
                if (filter.isEmpty() || c.withinFilter(filter)) {
                    c.purged(filteredFirst, after.lastSeq(), false);
                } else if (c.wantsAnyOf(filter)) {
                    c.purged(after.firstSeq(), after.lastSeq(), true);
                }
            }
            return purged;
        } catch (StoreException e) {
            throw new JsApiException(JsErrorKind.STREAM_GENERAL_ERROR.error(e.getMessage()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean deleteMessage(long seq, boolean erase) throws JsApiException {
        lock.lock();
        try {
            if (Long.compareUnsigned(seq, store.state().lastSeq()) > 0) {
                throw new JsApiException(JsErrorKind.STREAM_MSG_DELETE_FAILED.error("stream store EOF"));
            }
            return erase ? store.erase(seq) : store.remove(seq);
        } catch (StoreException e) {
            throw new JsApiException(JsErrorKind.STREAM_MSG_DELETE_FAILED.error(e.getMessage()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoredMessage> message(long seq) {
        return store.load(seq);
    }

    @Override
    public Optional<StoredMessage> nextMessage(String filter, long fromSeq) {
        return store.loadNext(filter, fromSeq);
    }

    @Override
    public Optional<StoredMessage> lastMessage(String subject) {
        return store.loadLast(subject);
    }

    // --- Consumers ---

    @Override
    public String streamName() {
        return config.name();
    }

    /** The store: for this stream's consumers, and for the streams fed from it (read directly, in this process). */
    @Override
    public MessageStore store() {
        return store;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public java.util.List<io.wirehub.server.jetstream.api.ConsumerView> consumers() {
        return consumers.values().stream().filter(c -> !c.config().direct())
                .map(c -> (io.wirehub.server.jetstream.api.ConsumerView) c).toList();
    }

    @Override
    public Optional<io.wirehub.server.jetstream.api.ConsumerView> consumer(String name) {
        return Optional.ofNullable(consumers.get(name));
    }

    @Override
    public boolean hasInterest(String subject) {
        return router.hasInterest(subject);
    }

    @Override
    public io.wirehub.server.jetstream.api.ConsumerView addConsumer(
            io.wirehub.server.jetstream.api.ConsumerConfig consumerConfig) {
        Consumer consumer = new Consumer(this, router, services.publisher(), consumerConfig, Instant.now());
        consumer.selectStart();
        java.nio.file.Path dir = consumersDir;
        if (dir != null && consumerConfig.isDurable() && !consumerConfig.memoryStorage()) {
            consumer.persistTo(new ConsumerStateFile(dir.resolve(consumer.name())));
        }
        consumers.put(consumer.name(), consumer);
        consumer.announceCreated();
        consumer.start();
        return consumer;
    }

    @Override
    public io.wirehub.server.jetstream.api.ConsumerView updateConsumer(
            io.wirehub.server.jetstream.api.ConsumerView view, io.wirehub.server.jetstream.api.ConsumerConfig update) {
        Consumer consumer = (Consumer) view;
        consumer.update(update);
        return consumer;
    }

    @Override
    public void deleteConsumer(io.wirehub.server.jetstream.api.ConsumerView view) {
        Consumer consumer = (Consumer) view;
        if (consumers.remove(consumer.name(), consumer)) {
            consumer.stop(true);
            removeUnwanted();
        }
    }

    @Override
    public void inactive(Consumer consumer) {
        if (consumers.remove(consumer.name(), consumer)) {
            consumer.stop(true);
            removeUnwanted();
        }
    }

    /**
     * Workqueue: a message goes once its consumer acknowledged it. Interest: once no other
     * consumer still wants it (its filter matches and it has not acknowledged it).
     */
    @Override
    public void acknowledged(Consumer consumer, long seq) {
        StreamConfig.Retention retention = config.retention();
        if (retention == StreamConfig.Retention.WORKQUEUE) {
            store.remove(seq);
        } else if (retention == StreamConfig.Retention.INTEREST) {
            store.load(seq).ifPresent(m -> {
                if (consumers.values().stream().noneMatch(c -> c != consumer && c.stillNeeds(seq, m.subject()))) {
                    store.remove(seq);
                }
            });
        }
    }

    /** Interest retention after a consumer went: messages no remaining consumer wants are removed. */
    private void removeUnwanted() {
        if (config.retention() != StreamConfig.Retention.INTEREST) {
            return;
        }
        StoreState state = store.state();
        long seq = state.firstSeq();
        while (seq <= state.lastSeq()) {
            Optional<StoredMessage> m = store.loadNext(null, seq);
            if (m.isEmpty()) {
                break;
            }
            StoredMessage msg = m.get();
            if (consumers.values().stream().noneMatch(c -> c.stillNeeds(msg.seq(), msg.subject()))) {
                store.remove(msg.seq());
            }
            seq = msg.seq() + 1;
        }
    }

    /** Durable consumers of this file stream keep their state under {@code dir} ({@code <stream dir>/obs}). */
    void persistConsumersIn(java.nio.file.Path dir) {
        this.consumersDir = dir;
    }

    /** Starts again the durable consumers found under the stream's {@code obs} directory. */
    void recoverConsumers() {
        java.nio.file.Path dir = consumersDir;
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        List<java.nio.file.Path> found;
        try (var list = java.nio.file.Files.list(dir)) {
            found = list.filter(java.nio.file.Files::isDirectory).sorted().toList();
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(Stream.class).warn("Cannot list consumers in {}: {}", dir, e.toString());
            return;
        }
        for (java.nio.file.Path consumerDir : found) {
            try {
                ConsumerStateFile.Recovered r = ConsumerStateFile.read(consumerDir);
                Consumer consumer = new Consumer(this, router, services.publisher(), r.config(), r.created());
                if (r.state() != null) {
                    consumer.restore(r.state());
                } else {
                    if (r.stateProblem() != null) {
                        org.slf4j.LoggerFactory.getLogger(Stream.class).warn(
                                "Consumer state in {} is damaged ({}): the consumer starts again from its"
                                        + " configured start and redelivers", consumerDir, r.stateProblem());
                    }
                    consumer.selectStart();
                }
                consumer.persistTo(new ConsumerStateFile(consumerDir));
                consumers.put(consumer.name(), consumer);
                consumer.start();
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Stream.class).warn("Consumer in {} not restored: {}", consumerDir,
                        e.toString());
            }
        }
    }

    /** The stream is being deleted: waiting pull requests hear {@code 409 Consumer Deleted}. */
    void deleteConsumers() {
        for (Consumer c : consumers.values()) {
            consumers.remove(c.name(), c);
            c.stop(true);
        }
    }

    /** Stops taking messages and closes the store (its files stay). */
    @Override
    public void close() {
        consumers.values().forEach(Consumer::close);
        consumers.clear();
        lock.lock();
        try {
            unsubscribe();
            for (Subscription sub : mirrorDirect) {
                router.unsubscribe(sub);
                ingest.forget(sub);
            }
            mirrorDirect.clear();
            registry.detach(this);
        } finally {
            lock.unlock();
        }
        ingest.stop();
        store.close();
    }
}
