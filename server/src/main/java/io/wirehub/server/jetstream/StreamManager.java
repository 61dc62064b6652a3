package io.wirehub.server.jetstream;

import io.wirehub.server.config.JetStreamAccountLimits;
import io.wirehub.server.jetstream.api.JsAccountUsage;
import io.wirehub.server.jetstream.api.JsApiError;
import io.wirehub.server.jetstream.api.JsApiDispatcher;
import io.wirehub.server.jetstream.api.JsApiException;
import io.wirehub.server.jetstream.api.JsErrorKind;
import io.wirehub.server.jetstream.api.JsStreams;
import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.api.StreamView;
import io.wirehub.server.jetstream.store.FileStore;
import io.wirehub.server.jetstream.store.FileStoreOptions;
import io.wirehub.server.jetstream.store.MemoryStore;
import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoreException;
import io.wirehub.server.routing.Router;
import io.wirehub.server.subject.SubjectRelations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's streams: creates them (file streams under
 * {@code <store_dir>/jetstream/<account>/streams/<name>/}, memory streams on the heap), recovers the
 * file streams at start, updates and deletes them, and sums what they hold for account info.
 *
 * <p>Changed by the account's API thread only; read also by the expiry timer and account info,
 * hence the concurrent map (sorted by name, the order NAMES and LIST answer in).
 */
public final class StreamManager implements JsStreams, JsAccountUsage, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamManager.class);

    private final String account;
    private final Path accountDir;
    private final JetStreamAccountLimits limits;
    private final Router router;
    private final StreamServices services;
    private final ServerCapacity capacity;
    private final StreamAdvisories advisories;
    private final ConcurrentSkipListMap<String, Stream> streams = new ConcurrentSkipListMap<>();

    StreamManager(String account, Path accountDir, JetStreamAccountLimits limits, Router router,
                  StreamServices services, ServerCapacity capacity) {
        this.account = account;
        this.accountDir = accountDir;
        this.limits = limits;
        this.router = router;
        this.services = services.withLimits(this::admit).withFeeds(new FeedRegistry(streams::get));
        this.capacity = capacity;
        this.advisories = new StreamAdvisories(router, services::publisher, services.domain());
        capacity.add(this);
    }

    /** Opens every file stream found in the account's directory, as nats-server does at start. */
    void recover() {
        Path dir = accountDir.resolve("streams");
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> found;
        try (var list = Files.list(dir)) {
            found = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot list streams of account '{}' in {}: {}", account, dir, e.toString());
            return;
        }
        for (Path streamDir : found) {
            MessageStore store = null;
            boolean restored = false;
            try {
                StreamDirectory.Meta meta = StreamDirectory.readMeta(streamDir);
                store = FileStore.open(streamDir, fileOptions(meta.config()));
                Stream stream = new Stream(meta.config(), meta.created(), store, router, services, true);
                stream.persistConsumersIn(streamDir.resolve("obs"));
                // Consumers first: an interest stream keeps only what some consumer wants.
                stream.recoverConsumers();
                streams.put(meta.config().name(), stream);
                stream.start();
                restored = true;
                LOG.info("  Restored stream '{} > {}': {} messages", account, meta.config().name(),
                        store.state().msgs());
            } catch (IOException | RuntimeException e) {
                // Whatever one tampered directory holds, the other streams still load.
                LOG.warn("Stream in {} not restored: {}", streamDir, e.toString());
                if (store != null && !restored) {
                    // Half made: not served, and its files not held open.
                    MessageStore failed = store;
                    streams.values().removeIf(s -> s.store() == failed);
                    failed.close();
                }
            }
        }
    }

    private FileStoreOptions fileOptions(StreamConfig config) {
        return FileStoreOptions.defaults(Stream.limitsOf(config)).withSyncAlways(services.syncAlways())
                .withFirstSeq(Math.max(1, config.firstSeq()));
    }

    @Override
    public StreamView create(StreamConfig config) throws JsApiException {
        refuseExternal(config);
        checkAccountLimits(config);
        Stream existing = streams.get(config.name());
        if (existing != null) {
            if (existing.config().equals(config)) {
                return existing;
            }
            throw new JsApiException(JsErrorKind.STREAM_NAME_EXIST.error());
        }
        checkOverlap(config, null);
        Instant created = Instant.now();
        MessageStore store;
        try {
            if (config.storage() == StreamConfig.Storage.MEMORY) {
                store = new MemoryStore(Stream.limitsOf(config), Math.max(1, config.firstSeq()),
                        Stream::wallClockNanos);
            } else {
                store = createFileStore(config, created);
            }
        } catch (IOException | StoreException e) {
            LOG.warn("Stream create failed for '{} > {}': {}", account, config.name(), e.toString());
            throw new JsApiException(JsErrorKind.STREAM_CREATE.error(JsApiDispatcher.STORE_FAILED));
        }
        Stream stream = new Stream(config, created, store, router, services, false);
        if (config.storage() != StreamConfig.Storage.MEMORY) {
            stream.persistConsumersIn(StreamDirectory.of(accountDir, config.name()).resolve("obs"));
        }
        streams.put(config.name(), stream);
        stream.start();
        advisories.send(StreamAdvisories.Action.CREATE, config.name());
        return stream;
    }

    /**
     * nats-server's checks before a create (jsNonClusteredStreamLimitsCheck): the stream count,
     * max_consumers, and max_bytes (1 when unlimited) against what the account's and the server's
     * other streams reserve. A stream of the same name does not count against itself.
     */
    private void checkAccountLimits(StreamConfig config) throws JsApiException {
        String name = config.name();
        long others = streams.keySet().stream().filter(n -> !n.equals(name)).count();
        if (limits.maxStreams() > 0 && others >= limits.maxStreams()) {
            throw new JsApiException(JsErrorKind.MAXIMUM_STREAMS_LIMIT.error());
        }
        if (config.maxConsumers() > 0 && limits.maxConsumers() > 0 && config.maxConsumers() > limits.maxConsumers()) {
            throw new JsApiException(JsErrorKind.MAXIMUM_CONSUMERS_LIMIT.error());
        }
        boolean memory = config.storage() == StreamConfig.Storage.MEMORY;
        long add = config.maxBytes() < 0 ? 1 : config.maxBytes();
        long accountMax = memory ? limits.maxMemory() : limits.maxStore();
        if (accountMax >= 0 && reservedOtherThan(memory, name) + add > accountMax
                || !capacity.fits(memory, add, this, name)) {
            throw new JsApiException(memory ? JsErrorKind.MEMORY_RESOURCES_EXCEEDED.error()
                    : JsErrorKind.STORAGE_RESOURCES_EXCEEDED.error());
        }
    }

    /** The max_bytes the account's streams of one storage reserve, leaving out the named one. */
    long reservedOtherThan(boolean memory, String name) {
        long reserved = 0;
        for (Stream s : streams.values()) {
            StreamConfig c = s.config();
            if (s.isMemory() == memory && c.maxBytes() > 0 && !c.name().equals(name)) {
                reserved += c.maxBytes();
            }
        }
        return reserved;
    }

    /**
     * What a publish of {@code size} bytes (as the stream's storage counts them) breaks, checked
     * before it is stored as nats-server checks it: the server already over its limit (10023), or
     * the account's storage limits (10002). Null when it may be stored.
     */
    private JsApiError admit(boolean memory, long size) {
        if (capacity.exceeded(memory)) {
            return JsErrorKind.INSUFFICIENT_RESOURCES.error();
        }
        long max = memory ? limits.maxMemory() : limits.maxStore();
        long perStream = memory ? limits.memoryMaxStreamBytes() : limits.storeMaxStreamBytes();
        if (max < 0 && perStream <= 0) {
            return null;
        }
        long total = (memory ? memoryBytes() : storageBytes()) + size;
        if (perStream > 0 && total > perStream || max >= 0 && total > max) {
            return JsErrorKind.ACCOUNT_RESOURCES_EXCEEDED.error();
        }
        return null;
    }

    /**
     * A new file stream's directory and store. Whatever a directory of that name still holds (a
     * stream whose delete was cut short) is removed first, so a new stream never starts with
     * another's messages; a failure leaves no directory behind to be "recovered" at the next start.
     */
    private MessageStore createFileStore(StreamConfig config, Instant created) throws IOException {
        Path dir = StreamDirectory.of(accountDir, config.name());
        StreamDirectory.delete(dir);
        try {
            StreamDirectory.writeMeta(dir, config, created);
            return FileStore.open(dir, fileOptions(config));
        } catch (IOException | StoreException e) {
            try {
                StreamDirectory.delete(dir);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * A mirror or source in another domain or account ({@code external}) is refused with the error
     * nats-server gives when such a feed cannot be set up: Wirehub reads origins from the same
     * account's stores and has no other way to reach one yet.
     */
    private static void refuseExternal(StreamConfig config) throws JsApiException {
        if (config.mirror() != null && config.mirror().external() != null) {
            throw new JsApiException(JsErrorKind.MIRROR_CONSUMER_SETUP_FAILED.error(
                    "external mirrors are not supported by Wirehub"));
        }
        if (config.sources().stream().anyMatch(s -> s.external() != null)) {
            throw new JsApiException(JsErrorKind.SOURCE_CONSUMER_SETUP_FAILED.error(
                    "external sources are not supported by Wirehub"));
        }
    }

    /** 10065 when a subject collides with one of another stream's. */
    private void checkOverlap(StreamConfig config, Stream self) throws JsApiException {
        for (Stream other : streams.values()) {
            if (other == self) {
                continue;
            }
            for (String mine : config.subjects()) {
                for (String theirs : other.config().subjects()) {
                    if (SubjectRelations.collide(mine, theirs)) {
                        throw new JsApiException(JsErrorKind.STREAM_SUBJECT_OVERLAP.error());
                    }
                }
            }
        }
    }

    @Override
    public StreamView update(StreamView view, StreamConfig config) throws JsApiException {
        Stream stream = (Stream) view;
        refuseExternal(config);
        checkOverlap(config, stream);
        if (!stream.isMemory()) {
            try {
                StreamDirectory.writeMeta(StreamDirectory.of(accountDir, config.name()), config, stream.created());
            } catch (IOException e) {
                throw new JsApiException(JsErrorKind.STREAM_UPDATE.error(e.getMessage()));
            }
        }
        stream.update(config);
        advisories.send(StreamAdvisories.Action.MODIFY, config.name());
        return stream;
    }

    @Override
    public Optional<StreamView> lookup(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    @Override
    public List<StreamView> all() {
        return List.copyOf(streams.values());
    }

    @Override
    public void delete(StreamView view) throws JsApiException {
        Stream stream = (Stream) view;
        String name = stream.config().name();
        streams.remove(name, stream);
        stream.deleteConsumers();
        stream.close();
        if (!stream.isMemory()) {
            try {
                StreamDirectory.delete(StreamDirectory.of(accountDir, name));
            } catch (IOException e) {
                throw new JsApiException(JsErrorKind.STREAM_DELETE.error(e.getMessage()));
            }
        }
        advisories.send(StreamAdvisories.Action.DELETE, name);
    }

    /** Applies max_age to every stream; called on a timer. */
    void expire() {
        for (Stream stream : streams.values()) {
            try {
                stream.expire();
            } catch (StoreException e) {
                LOG.warn("Expiring stream '{} > {}' failed: {}", account, stream.config().name(), e.toString());
            }
        }
    }

    /**
     * Queues a pull on every mirror and sourcing stream; called every second, so an origin created
     * late is found and STREAM.INFO's {@code active} stays near nats-server's heartbeat interval.
     */
    void pollFeeds() {
        streams.values().forEach(Stream::wakeFeeds);
    }

    /** fsyncs every file stream; called every sync_interval unless every write is synced already. */
    void sync() {
        for (Stream stream : streams.values()) {
            try {
                stream.sync();
            } catch (StoreException e) {
                LOG.warn("Syncing stream '{} > {}' failed: {}", account, stream.config().name(), e.toString());
            }
        }
    }

    // --- JsAccountUsage ---

    @Override
    public long memoryBytes() {
        return streams.values().stream().filter(Stream::isMemory).mapToLong(s -> s.state().bytes()).sum();
    }

    @Override
    public long storageBytes() {
        return streams.values().stream().filter(s -> !s.isMemory()).mapToLong(s -> s.state().bytes()).sum();
    }

    @Override
    public long reservedMemory() {
        return streams.values().stream().filter(Stream::isMemory)
                .mapToLong(s -> Math.max(0, s.config().maxBytes())).sum();
    }

    @Override
    public long reservedStorage() {
        return streams.values().stream().filter(s -> !s.isMemory())
                .mapToLong(s -> Math.max(0, s.config().maxBytes())).sum();
    }

    @Override
    public int consumers() {
        return streams.values().stream().mapToInt(Stream::consumerCount).sum();
    }

    @Override
    public int streams() {
        return streams.size();
    }

    @Override
    public StreamConfig stream(String name) {
        Stream s = streams.get(name);
        return s == null ? null : s.config();
    }

    /** Closes every stream; file streams keep their files for the next start. */
    @Override
    public void close() {
        streams.values().forEach(Stream::close);
        streams.clear();
    }
}
