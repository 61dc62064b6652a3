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
    private static final int MAX_HEADER_BYTES = 65535;

    private final MessageStore store;
    private final PubAckWriter acks;
    private final DedupeWindow dedupe;
    private final LongSupplier clockNanos;
    /** The Nats-Msg-Id of the last stored message ("" when it had none). */
    private String lastMsgId = "";
    /** Whether the ids of stored messages are in the window yet (a recovered stream loads them lazily). */
    private boolean dedupeLoaded;
    private StreamTransforms transforms = StreamTransforms.NONE;
    private StreamServices.StorageLimit storageLimit = StreamServices.StorageLimit.NONE;

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

    /** Takes a new config's duplicate window and transforms. */
    void configure(StreamConfig config) {
        dedupe.window(config.duplicateWindowNanos());
        transforms = StreamTransforms.of(config);
    }

    /**
     * Stores one message if the checks pass.
     *
     * @param republished where the copy for {@code republish} goes, once the message is stored
     * @return the PubAck (success, duplicate or error), or empty when nats-server sends nothing
     *     (a roll-up value it does not know)
     */
    Optional<byte[]> write(InboundMessage in, StreamConfig config, List<StreamIngest.Outgoing> republished) {
        InboundMessage m = transforms.input(in);
        if (config.sealed()) {
            return error(JsErrorKind.STREAM_SEALED.error());
        }
        byte[] hdr = m.headers();
        String msgId = "";
        boolean rollupSubject = false;
        boolean rollupAll = false;
        if (hdr.length > 0) {
            String expectedStream = NatsHeaders.value(hdr, NatsHeaders.EXPECTED_STREAM);
            if (expectedStream != null && !expectedStream.isEmpty() && !expectedStream.equals(config.name())) {
                return error(JsErrorKind.STREAM_NOT_MATCH.error());
            }
            String id = NatsHeaders.value(hdr, NatsHeaders.MSG_ID);
            if (id != null && !id.isEmpty()) {
                msgId = id;
                loadDedupe();
                long original = dedupe.seqOf(id, clockNanos.getAsLong());
                if (original >= 0) {
                    return Optional.of(acks.duplicate(original));
                }
            }
            Long subjectSeq = NatsHeaders.sequence(hdr, NatsHeaders.EXPECTED_LAST_SUBJECT_SEQ);
            if (subjectSeq != null) {
                long actual = store.loadLast(m.subject()).map(StoredMessage::seq).orElse(0L);
                if (actual != subjectSeq) {
                    return error(JsErrorKind.STREAM_WRONG_LAST_SEQUENCE.error(Long.toUnsignedString(actual)));
                }
            }
            Long lastSeq = NatsHeaders.sequence(hdr, NatsHeaders.EXPECTED_LAST_SEQ);
            if (lastSeq != null) {
                long actual = store.state().lastSeq();
                if (actual != lastSeq) {
                    return error(JsErrorKind.STREAM_WRONG_LAST_SEQUENCE.error(Long.toUnsignedString(actual)));
                }
            }
            String lastId = NatsHeaders.value(hdr, NatsHeaders.EXPECTED_LAST_MSG_ID);
            if (lastId != null && !lastId.isEmpty()) {
                loadDedupe();
                if (!lastId.equals(lastMsgId)) {
                    return error(JsErrorKind.STREAM_WRONG_LAST_MSG_ID.error(lastMsgId));
                }
            }
            String rollup = NatsHeaders.value(hdr, NatsHeaders.ROLLUP);
            if (rollup != null && !rollup.isEmpty()) {
                if (!config.allowRollup() || config.denyPurge()) {
                    return error(JsErrorKind.STREAM_ROLLUP_FAILED.error("rollup not permitted"));
                }
                switch (rollup.toLowerCase(Locale.ROOT)) {
                    case "sub" -> rollupSubject = true;
                    case "all" -> rollupAll = true;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        }
        if (config.maxMsgSize() >= 0 && (long) hdr.length + m.payload().length > config.maxMsgSize()) {
            return error(JsErrorKind.STREAM_MESSAGE_EXCEEDS_MAXIMUM.error());
        }
        if (hdr.length > MAX_HEADER_BYTES) {
            return error(JsErrorKind.STREAM_HEADER_EXCEEDS_MAXIMUM.error());
        }
        String republishTo = transforms.republishSubject(m.subject());
        long previousOnSubject = republishTo == null ? 0
                : store.loadLast(m.subject()).map(StoredMessage::seq).orElse(0L);
        long seq;
        if (config.retention() == StreamConfig.Retention.INTEREST) {
            // No consumer is interested yet: the sequence is used, the message is not kept.
            seq = store.state().lastSeq() + 1;
            store.skip(seq);
            republishTo = null;
        } else {
            JsApiError refused = storageLimit.admit(config.storage() == StreamConfig.Storage.MEMORY,
                    store.sizeOf(m.subject(), hdr.length, m.payload().length));
            if (refused != null) {
                return error(refused);
            }
            try {
                seq = store.append(m.subject(), hdr, m.payload());
            } catch (StoreException e) {
                return error(JsErrorKind.STREAM_STORE_FAILED.error(e.getMessage()));
            }
        }
        lastMsgId = msgId;
        if (!msgId.isEmpty()) {
            dedupe.record(msgId, seq, clockNanos.getAsLong());
        }
        long storedAt = republishTo == null ? 0 : store.state().lastTimeNanos();
        if (rollupSubject) {
            store.purge(m.subject(), 0, 1);
        } else if (rollupAll) {
            store.purge(null, 0, 1);
        }
        if (republishTo != null) {
            republished.add(transforms.republish(republishTo, config.name(), m, seq, storedAt, previousOnSubject));
        }
        return Optional.of(acks.stored(seq));
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
