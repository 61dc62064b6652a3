package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.ConsumerConfig;
import io.wirehub.server.jetstream.store.MessageStore;
import io.wirehub.server.jetstream.store.StoreState;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.util.TreeSet;

/**
 * Where a new consumer starts, as nats-server's selectStartingSeqNo picks it from the deliver
 * policy, the filters and the stream's state.
 *
 * @param streamSeq            the first stream sequence to look at
 * @param deliveredStream      what consumer info shows as delivered before anything is (nats-server
 *                             records the start there; with deliver last and no filter it does not)
 * @param lastPerSubject       last_per_subject: the last message of each matching subject, to send first
 * @param lastPerSubjectResume last_per_subject: the stream's last sequence when that set was taken
 * @param replayUntilSeq       replay original keeps the stored gaps up to here
 */
record StartPosition(long streamSeq, long deliveredStream, TreeSet<Long> lastPerSubject, long lastPerSubjectResume,
                     long replayUntilSeq) {

    static StartPosition of(MessageStore store, ConsumerConfig c) {
        StoreState state = store.state();
        long first = state.msgs() == 0 ? state.lastSeq() + 1 : state.firstSeq();
        TreeSet<Long> lastPerSubject = new TreeSet<>();
        long resume = 0;
        long seq;
        boolean clamp = true;
        switch (c.deliverPolicy()) {
            case ALL -> seq = first;
            case LAST -> {
                if (c.filters().isEmpty()) {
                    seq = state.lastSeq();
                    clamp = false;
                } else {
                    seq = 0;
                    for (String f : c.filters()) {
                        seq = Math.max(seq, store.loadLast(f).map(StoredMessage::seq).orElse(0L));
                    }
                }
            }
            case LAST_PER_SUBJECT -> {
                for (String f : c.filters()) {
                    for (String subject : store.subjectTotals(f).keySet()) {
                        store.loadLast(subject).ifPresent(m -> lastPerSubject.add(m.seq()));
                    }
                }
                resume = state.lastSeq();
                seq = lastPerSubject.isEmpty() ? state.lastSeq() : lastPerSubject.first();
            }
            case BY_START_TIME -> seq = seqFromTime(store, c);
            case BY_START_SEQUENCE -> seq = c.optStartSeq();
            default -> seq = state.lastSeq() + 1;
        }
        if (clamp) {
            if (state.lastSeq() == 0 && state.msgs() == 0 && first <= 1) {
                seq = 1;
            } else if (seq < first) {
                seq = first;
            } else if (seq > state.lastSeq()) {
                seq = state.lastSeq() + 1;
            }
        }
        long streamSeq = Math.max(seq, 1);
        return new StartPosition(streamSeq, clamp ? streamSeq - 1 : 0, lastPerSubject, resume, state.lastSeq());
    }

    /** The first sequence stored at or after the start time. */
    private static long seqFromTime(MessageStore store, ConsumerConfig c) {
        long nanos = c.optStartTime().toInstant().getEpochSecond() * 1_000_000_000L + c.optStartTime().getNano();
        StoreState state = store.state();
        long lo = state.firstSeq();
        long hi = state.lastSeq();
        long found = hi + 1;
        // Stored times only grow with the sequence: a binary search over what is still there.
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            var m = store.loadNext(null, mid);
            if (m.isEmpty()) {
                hi = mid - 1;
                continue;
            }
            if (m.get().timestampNanos() >= nanos) {
                found = Math.min(found, m.get().seq());
                hi = mid - 1;
            } else {
                lo = m.get().seq() + 1;
            }
        }
        return found;
    }
}
