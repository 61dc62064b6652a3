package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.JsErrorKind;
import io.wirehub.server.jetstream.api.SourceInfo;
import io.wirehub.server.jetstream.api.StreamConfig.StreamSource;
import io.wirehub.server.jetstream.api.StreamConfig.TransformConfig;
import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoredMessage;
import io.wirehub.server.subject.SubjectTransform;
import io.wirehub.server.subject.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One origin a stream takes messages from (its mirror, or one of its sources), read straight from
 * the origin's store in this process, in place of nats-server's internal consumer: which origin
 * messages it wants (the filter, or the transforms' sources), the subject each is stored under,
 * and how far it has read.
 *
 * <p>Concurrency: the position is advanced by the fed stream's worker under the stream's lock;
 * STREAM.INFO reads the volatile fields from the API thread without it.
 */
final class SourceFeed {
    private final StreamSource config;
    private final boolean mirror;
    private final String indexName;
    /** The subjects wanted; empty for all. */
    private final List<String> filters = new ArrayList<>();
    /** Index-aligned with {@link #filters} when transforms are configured; null where a transform has no destination. */
    private final List<SubjectTransform> transforms = new ArrayList<>();
    /** The next origin sequence to read; 0 until the start is decided (the origin may not exist yet). */
    private volatile long nextSeq;
    /** System.nanoTime() of the last read from an existing origin; 0 for never. */
    private volatile long lastContact;
    /** Whether the origin was missing at the last attempt (shown as STREAM.INFO's error). */
    private volatile boolean originMissing;

    SourceFeed(StreamSource config, boolean mirror) {
        this.config = config;
        this.mirror = mirror;
        this.indexName = SourceHeader.indexName(config);
        if (config.subjectTransforms().isEmpty()) {
            if (!config.filterSubject().isEmpty() && !config.filterSubject().equals(">")) {
                filters.add(config.filterSubject());
            }
        } else {
            for (TransformConfig t : config.subjectTransforms()) {
                filters.add(t.source().isEmpty() ? ">" : t.source());
                transforms.add(t.destination().isEmpty() ? null
                        : SubjectTransform.of(t.source().isEmpty() ? ">" : t.source(), t.destination()));
            }
        }
    }

    StreamSource config() {
        return config;
    }

    String originName() {
        return config.name();
    }

    String indexName() {
        return indexName;
    }

    boolean isMirror() {
        return mirror;
    }

    /** Starts reading at {@code seq} (a mirror's last sequence + 1, a source's recovered position + 1). */
    void startAt(long seq) {
        nextSeq = seq;
    }

    /** The origin is not there: nothing is read, and STREAM.INFO says so. */
    void originMissing() {
        originMissing = true;
    }

    /**
     * Up to {@code max} wanted messages of the origin from the current position on. The position
     * moves only through {@link #taken}.
     */
    List<StoredMessage> next(MessageStore origin, int max) {
        originMissing = false;
        lastContact = System.nanoTime();
        if (nextSeq == 0) {
            nextSeq = startOf(origin);
        }
        List<StoredMessage> batch = new ArrayList<>();
        String filter = filters.size() == 1 ? filters.get(0) : null;
        long seq = nextSeq;
        while (batch.size() < max) {
            Optional<StoredMessage> found = origin.loadNext(filter, seq);
            if (found.isEmpty()) {
                break;
            }
            StoredMessage m = found.get();
            seq = m.seq() + 1;
            if (wants(m.subject())) {
                batch.add(m);
            }
        }
        if (batch.isEmpty() && seq > nextSeq) {
            // Only unwanted messages were read: no need to read them again.
            nextSeq = seq;
        }
        return batch;
    }

    /** The message at {@code seq} was stored (or deliberately left out). */
    void taken(long seq) {
        nextSeq = seq + 1;
    }

    /** The subject a wanted origin message is stored under: the first matching transform's result. */
    String subjectFor(String subject) {
        for (int i = 0; i < transforms.size(); i++) {
            SubjectTransform t = transforms.get(i);
            if (t != null && Subjects.matchesLiteral(subject, filters.get(i))) {
                return t.transform(subject);
            }
        }
        return subject;
    }

    private boolean wants(String subject) {
        if (filters.isEmpty()) {
            return true;
        }
        for (String f : filters) {
            if (Subjects.matchesLiteral(subject, f)) {
                return true;
            }
        }
        return false;
    }

    /** Where reading starts the first time: opt_start_seq, opt_start_time, or the origin's first message. */
    private long startOf(MessageStore origin) {
        if (config.optStartSeq() > 0) {
            return config.optStartSeq();
        }
        if (config.optStartTime() != null) {
            java.time.Instant at = config.optStartTime().toInstant();
            return firstAtOrAfter(origin, at.getEpochSecond() * 1_000_000_000L + at.getNano());
        }
        return Math.max(1, origin.state().firstSeq());
    }

    /** The lowest sequence from which every stored message is at or after {@code nanos} (times only grow). */
    private static long firstAtOrAfter(MessageStore origin, long nanos) {
        long low = Math.max(1, origin.state().firstSeq());
        long high = origin.state().lastSeq() + 1;
        while (low < high) {
            long mid = low + (high - low) / 2;
            Optional<StoredMessage> at = origin.loadNext(null, mid);
            if (at.isEmpty() || at.get().timestampNanos() >= nanos) {
                high = mid;
            } else {
                low = at.get().seq() + 1;
            }
        }
        return low;
    }

    /** STREAM.INFO's view: lag counted now on the origin (null when it is missing). */
    SourceInfo info(MessageStore origin) {
        long lag = 0;
        if (origin != null) {
            long from = nextSeq == 0 ? Math.max(1, origin.state().firstSeq()) : nextSeq;
            if (filters.isEmpty()) {
                lag = origin.numPending(from, null);
            } else {
                for (String f : filters) {
                    lag += origin.numPending(from, f);
                }
            }
        }
        long contact = lastContact;
        long active = contact == 0 ? -1 : Math.max(0, System.nanoTime() - contact);
        List<TransformConfig> shown = new ArrayList<>();
        for (int i = 0; i < config.subjectTransforms().size(); i++) {
            shown.add(new TransformConfig(filters.get(i), config.subjectTransforms().get(i).destination()));
        }
        return new SourceInfo(config.name(), config.external(), lag, active,
                originMissing ? JsErrorKind.STREAM_NOT_FOUND.error() : null, config.filterSubject(), shown);
    }
}
