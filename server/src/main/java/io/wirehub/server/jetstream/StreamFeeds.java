package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.SourceInfo;
import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.api.StreamConfig.StreamSource;
import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoreState;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stream's mirror or sources as a set of {@link SourceFeed}s: built from the config, started
 * where the stream's own store says it stopped (a mirror at its last sequence, a source at the
 * last {@code Nats-Stream-Source} it stored), and pulled in batches on the stream's worker.
 *
 * <p>Concurrency: {@link #pull} and {@link #reconfigured} run under the fed stream's lock;
 * {@link #schedule}/{@link #ran} are the lock-free "a pull is queued" flag, so a busy origin puts
 * at most one pull in the worker's queue at a time.
 */
final class StreamFeeds {
    /** How many messages one pull takes from each origin before the worker turns to other work. */
    static final int BATCH = 256;

    private final List<SourceFeed> feeds;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private StreamFeeds(List<SourceFeed> feeds) {
        this.feeds = List.copyOf(feeds);
    }

    /** The feeds a config asks for, started from what {@code own} (the fed stream's store) holds. */
    static StreamFeeds of(StreamConfig config, MessageStore own) {
        if (config.mirror() != null) {
            SourceFeed mirror = new SourceFeed(config.mirror(), true);
            long last = own.state().lastSeq();
            if (last > 0) {
                mirror.startAt(last + 1);
            }
            return new StreamFeeds(List.of(mirror));
        }
        List<SourceFeed> sources = config.sources().stream().map(s -> new SourceFeed(s, false)).toList();
        recoverPositions(sources, own);
        return new StreamFeeds(sources);
    }

    /**
     * The feeds after a config update: a source kept (same index name) keeps its position, a new
     * one starts as a source does the first time.
     */
    StreamFeeds reconfigured(StreamConfig config, MessageStore own) {
        if (config.mirror() != null) {
            return this;
        }
        Map<String, SourceFeed> before = new HashMap<>();
        feeds.forEach(f -> before.put(f.indexName(), f));
        List<SourceFeed> after = new ArrayList<>();
        for (StreamSource source : config.sources()) {
            SourceFeed kept = before.get(SourceHeader.indexName(source));
            after.add(kept != null ? kept : new SourceFeed(source, false));
        }
        return new StreamFeeds(after);
    }

    /**
     * nats-server's startingSequenceForSources: reads the stream backwards for the newest
     * Nats-Stream-Source of each source, until every source is found or the stream is read.
     */
    private static void recoverPositions(List<SourceFeed> sources, MessageStore own) {
        StoreState state = own.state();
        if (sources.isEmpty() || state.msgs() == 0) {
            return;
        }
        Map<String, SourceFeed> waiting = new HashMap<>();
        sources.forEach(f -> waiting.put(f.indexName(), f));
        for (long seq = state.lastSeq(); seq >= state.firstSeq() && !waiting.isEmpty() && seq > 0; seq--) {
            Optional<StoredMessage> m = own.load(seq);
            if (m.isEmpty() || m.get().headers().length == 0) {
                continue;
            }
            String value = NatsHeaders.value(m.get().headers(), SourceHeader.NAME);
            SourceHeader.Position p = value == null ? null : SourceHeader.parse(value);
            SourceFeed feed = p == null ? null : waiting.remove(p.indexName());
            if (feed != null) {
                feed.startAt(p.originSeq() + 1);
            }
        }
    }

    boolean isEmpty() {
        return feeds.isEmpty();
    }

    /** The names of the origins, for the account's {@link FeedRegistry}. */
    Set<String> origins() {
        return feeds.stream().map(SourceFeed::originName).collect(Collectors.toSet());
    }

    /** True when the caller should queue a pull (none is queued yet). */
    boolean schedule() {
        return !feeds.isEmpty() && scheduled.compareAndSet(false, true);
    }

    /** The queued pull has started (or could not be queued): the next stored origin message queues another. */
    void ran() {
        scheduled.set(false);
    }

    /** Stores one origin message into the fed stream; the stream implements it. */
    interface Sink {
        /** False when the message must be offered again later (the feed then stops before it). */
        boolean take(SourceFeed feed, StoredMessage message);
    }

    /**
     * Takes up to {@link #BATCH} messages from each origin that exists into {@code sink}.
     *
     * @return true when some origin gave a full batch (more may be waiting)
     */
    boolean pull(Function<String, MessageStore> origins, Sink sink) {
        boolean more = false;
        for (SourceFeed feed : feeds) {
            MessageStore origin = origins.apply(feed.originName());
            if (origin == null) {
                feed.originMissing();
                continue;
            }
            List<StoredMessage> batch = feed.next(origin, BATCH);
            boolean blocked = false;
            for (StoredMessage m : batch) {
                if (!sink.take(feed, m)) {
                    // Retried at the next wake (at the latest the timer's, a second later).
                    blocked = true;
                    break;
                }
                feed.taken(m.seq());
            }
            more |= !blocked && batch.size() == BATCH;
        }
        return more;
    }

    Optional<SourceInfo> mirrorInfo(Function<String, MessageStore> origins) {
        return feeds.stream().filter(SourceFeed::isMirror).findFirst()
                .map(f -> f.info(origins.apply(f.originName())));
    }

    List<SourceInfo> sourcesInfo(Function<String, MessageStore> origins) {
        return feeds.stream().filter(f -> !f.isMirror()).map(f -> f.info(origins.apply(f.originName()))).toList();
    }
}
