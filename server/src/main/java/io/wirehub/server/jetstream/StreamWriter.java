package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.JsApiError;
import io.wirehub.server.jetstream.api.JsErrorKind;
import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoreException;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A stream's publish path, as nats-server 2.10's processJetStreamMsg on a single server: the
 * checks in its order (sealed, expected stream, duplicate id, expected last subject sequence,
 * expected last sequence, expected last id, roll-up permission, size limits), then the store,
 * then roll-ups; it answers with the PubAck to send. Not thread-safe: the stream's lock guards it.
 */
final class StreamWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamWriter.class);
    private static final int MAX_HEADER_BYTES = 65535;

    private final MessageStore store;
    private final PubAckWriter acks;
    private final DedupeWindow dedupe;
    private final LongSupplier clockNanos;
    /** Interest retention: whether some consumer's filter takes a subject (none until told). */
    private java.util.function.Predicate<String> interested = subject -> false;
    /** The Nats-Msg-Id of the last stored message ("" when it had none). */
    private String lastMsgId = "";
    /** Whether the ids of stored messages are in the window yet (a recovered stream loads them lazily). */
    private boolean dedupeLoaded;
    private StreamTransforms transforms = StreamTransforms.NONE;
    private StreamServices.StorageLimit storageLimit = StreamServices.StorageLimit.NONE;
    /** Why the store refused the last message written, or null: a source waits on MAX_MSGS rather than skip. */
    private StoreException.Kind lastRefusal;

    StreamWriter(MessageStore store, PubAckWriter acks, long duplicateWindowNanos, boolean recovered,
                 LongSupplier clockNanos) {
        this.store = store;
        this.acks = acks;
        this.dedupe = new DedupeWindow(duplicateWindowNanos);
        this.clockNanos = clockNanos;
        this.dedupeLoaded = !recovered;
    }

    StreamWriter(MessageStore store, PubAckWriter acks, StreamConfig config, boolean recovered,
                 LongSupplier clockNanos) {
        this(store, acks, config.duplicateWindowNanos(), recovered, clockNanos);
        configure(config);
    }

    /** The account's and server's limits each stored message must fit in. */
    void storageLimit(StreamServices.StorageLimit limit) {
        storageLimit = limit;
    }

    /** Forgets the ids whose duplicate window has passed, so a quiet stream does not keep them. */
    void expireIds() {
        dedupe.expire(clockNanos.getAsLong());
    }

    /** Takes a new config's duplicate window and transforms. */
    /** Interest retention keeps a message only when this says a consumer wants its subject. */
    void interest(java.util.function.Predicate<String> interested) {
        this.interested = interested;
    }

    void configure(StreamConfig config) {
        dedupe.window(config.duplicateWindowNanos());
        transforms = StreamTransforms.of(config);
    }

    /** A roll-up a message asks for: none, its subject, or the whole stream. */
    private enum Rollup { NONE, SUBJECT, ALL }

    /**
     * What the header checks decided: either an answer that ends the publish ({@code done}), or
     * the message's id and roll-up for the store step.
     */
    private record HeaderChecks(boolean done, Optional<byte[]> answer, String msgId, Rollup rollup) {
        static HeaderChecks stop(Optional<byte[]> answer) {
            return new HeaderChecks(true, answer, "", Rollup.NONE);
        }
    }

    /**
     * Stores one message if the checks pass.
     *
     * @param republished where the copy for {@code republish} goes, once the message is stored
     * @return the PubAck (success, duplicate or error), or empty when nats-server sends nothing
     *     (a roll-up value it does not know)
     */
    /** The subject a message is stored under (after the stream's subject transform). */
    String storedSubject(InboundMessage in) {
        return transforms.input(in).subject();
    }

    Optional<byte[]> write(InboundMessage in, StreamConfig config, List<StreamIngest.Outgoing> republished) {
        lastRefusal = null;
        InboundMessage m = transforms.input(in);
        if (config.sealed()) {
            return error(JsErrorKind.STREAM_SEALED.error());
        }
        HeaderChecks checks = m.headers().length == 0 ? new HeaderChecks(false, Optional.empty(), "", Rollup.NONE)
                : checkHeaders(m, config);
        if (checks.done()) {
            return checks.answer();
        }
        int headerLength = m.headers().length;
        if (config.maxMsgSize() >= 0 && (long) headerLength + m.payload().length > config.maxMsgSize()) {
            return error(JsErrorKind.STREAM_MESSAGE_EXCEEDS_MAXIMUM.error());
        }
        if (headerLength > MAX_HEADER_BYTES) {
            return error(JsErrorKind.STREAM_HEADER_EXCEEDS_MAXIMUM.error());
        }
        return store(m, config, checks, republished);
    }

    /** The Nats-* headers' checks, in nats-server's order. */
    private HeaderChecks checkHeaders(InboundMessage m, StreamConfig config) {
        byte[] hdr = m.headers();
        String expectedStream = NatsHeaders.value(hdr, NatsHeaders.EXPECTED_STREAM);
        if (expectedStream != null && !expectedStream.isEmpty() && !expectedStream.equals(config.name())) {
            return HeaderChecks.stop(error(JsErrorKind.STREAM_NOT_MATCH.error()));
        }
        String msgId = NatsHeaders.value(hdr, NatsHeaders.MSG_ID);
        msgId = msgId == null ? "" : msgId;
        if (!msgId.isEmpty()) {
            loadDedupe();
            long original = dedupe.seqOf(msgId, clockNanos.getAsLong());
            if (original >= 0) {
                return HeaderChecks.stop(Optional.of(acks.duplicate(original)));
            }
        }
        Long subjectSeq = NatsHeaders.sequence(hdr, NatsHeaders.EXPECTED_LAST_SUBJECT_SEQ);
        if (subjectSeq != null) {
            long actual = store.loadLast(m.subject()).map(StoredMessage::seq).orElse(0L);
            if (actual != subjectSeq) {
                return HeaderChecks.stop(wrongLastSequence(actual));
            }
        }
        Long lastSeq = NatsHeaders.sequence(hdr, NatsHeaders.EXPECTED_LAST_SEQ);
        if (lastSeq != null && store.state().lastSeq() != lastSeq) {
            return HeaderChecks.stop(wrongLastSequence(store.state().lastSeq()));
        }
        String lastId = NatsHeaders.value(hdr, NatsHeaders.EXPECTED_LAST_MSG_ID);
        if (lastId != null && !lastId.isEmpty()) {
            loadDedupe();
            if (!lastId.equals(lastMsgId)) {
                return HeaderChecks.stop(error(JsErrorKind.STREAM_WRONG_LAST_MSG_ID.error(lastMsgId)));
            }
        }
        String rollup = NatsHeaders.value(hdr, NatsHeaders.ROLLUP);
        if (rollup == null || rollup.isEmpty()) {
            return new HeaderChecks(false, Optional.empty(), msgId, Rollup.NONE);
        }
        if (!config.allowRollup() || config.denyPurge()) {
            return HeaderChecks.stop(error(JsErrorKind.STREAM_ROLLUP_FAILED.error("rollup not permitted")));
        }
        return switch (rollup.toLowerCase(Locale.ROOT)) {
            case "sub" -> new HeaderChecks(false, Optional.empty(), msgId, Rollup.SUBJECT);
            case "all" -> new HeaderChecks(false, Optional.empty(), msgId, Rollup.ALL);
            // Any other value: nats-server drops the message without a word.
            default -> HeaderChecks.stop(Optional.empty());
        };
    }

    private Optional<byte[]> wrongLastSequence(long actual) {
        return error(JsErrorKind.STREAM_WRONG_LAST_SEQUENCE.error(Long.toUnsignedString(actual)));
    }

    /** Stores (or, for interest retention when no consumer wants it, skips) the message, then rolls up and republishes. */
    private Optional<byte[]> store(InboundMessage m, StreamConfig config, HeaderChecks checks,
                                   List<StreamIngest.Outgoing> republished) {
        String republishTo = transforms.republishSubject(m.subject());
        long previousOnSubject = republishTo == null ? 0
                : store.loadLast(m.subject()).map(StoredMessage::seq).orElse(0L);
        long seq;
        if (config.retention() == StreamConfig.Retention.INTEREST && !interested.test(m.subject())) {
            // No consumer is interested yet: the sequence is used, the message is not kept.
            seq = store.state().lastSeq() + 1;
            store.skip(seq);
            republishTo = null;
        } else {
            JsApiError refused = storageLimit.admit(config.storage() == StreamConfig.Storage.MEMORY,
                    store.sizeOf(m.subject(), m.headers().length, m.payload().length));
            if (refused != null) {
                return error(refused);
            }
            try {
                // Not yet durable under sync_interval always: the stream's worker waits once for
                // its whole batch (Stream.settle) before any of the batch's PubAcks goes out.
                seq = store.appendWithoutWaiting(m.subject(), m.headers(), m.payload());
            } catch (StoreException e) {
                lastRefusal = e.kind();
                return error(JsErrorKind.STREAM_STORE_FAILED.error(e.getMessage()));
            }
        }
        lastMsgId = checks.msgId();
        if (!checks.msgId().isEmpty()) {
            dedupe.record(checks.msgId(), seq, clockNanos.getAsLong());
        }
        long storedAt = republishTo == null ? 0 : store.state().lastTimeNanos();
        switch (checks.rollup()) {
            case SUBJECT -> store.purge(m.subject(), 0, 1);
            case ALL -> store.purge(null, 0, 1);
            case NONE -> {
            }
        }
        if (republishTo != null) {
            republished.add(transforms.republish(republishTo, config.name(), m, seq, storedAt, previousOnSubject));
        }
        return Optional.of(acks.stored(seq));
    }

    /**
     * Whether the last {@link #write} was refused because the stream is at max_msgs with discard
     * new: nats-server then retries a sourced message later instead of skipping it.
     */
    boolean refusedAtMaxMsgs() {
        return lastRefusal == StoreException.Kind.MAX_MSGS;
    }

    /**
     * Stores a mirrored message under its origin's sequence and time, first skipping the sequences
     * the origin no longer has (or the filter left out), so the numbers stay aligned; a message
     * already held is ignored. A message the limits refuse is skipped too, and logged.
     */
    void mirror(StoredMessage m, String subject, StreamConfig config) {
        long last = store.state().lastSeq();
        if (Long.compareUnsigned(m.seq(), last) <= 0) {
            return;
        }
        if (m.seq() > last + 1) {
            store.skip(m.seq() - 1);
        }
        JsApiError refused = storageLimit.admit(config.storage() == StreamConfig.Storage.MEMORY,
                store.sizeOf(subject, m.headers().length, m.payload().length));
        if (refused == null) {
            try {
                store.append(subject, m.headers(), m.payload(), m.timestampNanos());
                return;
            } catch (StoreException e) {
                refused = JsErrorKind.STREAM_STORE_FAILED.error(e.getMessage());
            }
        }
        LOG.warn("Error processing inbound mirror message for '{}': {}", config.name(), refused.description());
        store.skip(m.seq());
    }

    private Optional<byte[]> error(JsApiError error) {
        return Optional.of(acks.error(error));
    }

    /**
     * Reads the ids of the messages stored within the window, and the last message's id, as
     * nats-server rebuilds its dedupe map after a restart. The first message inside the window is
     * found by a binary search on the stored times, so only the window is read.
     */
    private void loadDedupe() {
        if (dedupeLoaded) {
            return;
        }
        dedupeLoaded = true;
        long cutoff = clockNanos.getAsLong() - dedupe.window();
        long last = store.state().lastSeq();
        long seq = firstSeqAfter(cutoff);
        while (true) {
            Optional<StoredMessage> next = store.loadNext(null, seq);
            if (next.isEmpty()) {
                break;
            }
            StoredMessage sm = next.get();
            String id = sm.headers().length == 0 ? null : NatsHeaders.value(sm.headers(), NatsHeaders.MSG_ID);
            if (sm.timestampNanos() > cutoff && id != null && !id.isEmpty()) {
                dedupe.record(id, sm.seq(), sm.timestampNanos());
            }
            if (sm.seq() == last) {
                lastMsgId = id == null ? "" : id;
            }
            seq = sm.seq() + 1;
        }
    }

    /** The lowest sequence from which every stored message is newer than {@code cutoff}. */
    private long firstSeqAfter(long cutoff) {
        long low = store.state().firstSeq();
        long high = store.state().lastSeq() + 1;
        // Invariant: messages below low are at or before the cutoff; from high on, none is stored or all are newer.
        while (low < high) {
            long mid = low + (high - low) / 2;
            Optional<StoredMessage> at = store.loadNext(null, mid);
            if (at.isEmpty() || at.get().timestampNanos() > cutoff) {
                high = mid;
            } else {
                low = at.get().seq() + 1;
            }
        }
        return low;
    }
}
