package io.wirehub.server.jetstream.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * What every storage shares: the index by sequence and by subject, the counters, and the limits.
 * A subclass only keeps bytes: it persists each change before the index makes it (so a failed
 * write changes nothing) and reads a message back from its {@link IndexEntry#location()}.
 */
abstract class IndexedStore implements MessageStore {
    static final byte[] EMPTY = new byte[0];

    /** One lock for the index and the storage behind it: a stream's store is used by one stream. */
    protected final ReentrantLock lock = new ReentrantLock();
    private final LongSupplier clockNanos;
    private final List<RemovalListener> listeners = new CopyOnWriteArrayList<>();

    // Guarded by lock.
    private final TreeMap<Long, IndexEntry> entries = new TreeMap<>();
    private final Map<String, TreeSet<Long>> bySubject = new HashMap<>();
    private StoreLimits limits;
    /** The first sequence when empty (lastSeq + 1, or more after a compact); else entries' first. */
    private long emptyFirstSeq;
    private long lastSeq;
    private long lastTimeNanos;
    private long bytes;
    private boolean closed;

    IndexedStore(StoreLimits limits, long firstSeq, LongSupplier clockNanos) {
        this.limits = limits;
        this.clockNanos = clockNanos;
        this.emptyFirstSeq = Math.max(1, firstSeq);
        this.lastSeq = emptyFirstSeq - 1;
    }

    /** The wall clock in nanoseconds since the epoch, as message timestamps are kept. */
    static long wallClockNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    // --- what a storage provides; each called with the lock held ---

    /** Persists a new message; returns where it is. Throws StoreException leaving nothing behind. */
    protected abstract Object persistMessage(long seq, long timestampNanos, String subject, byte[] headers,
            byte[] payload);

    /** Persists that one message is gone (and overwrites its bytes when erase). */
    protected abstract void persistRemoval(IndexEntry entry, boolean erase);

    /** Persists that every sequence below {@code firstSeq} is gone and the last is at least firstSeq - 1. */
    protected abstract void persistFirstSeq(long firstSeq);

    /** Persists that sequences up to {@code seq} are used. */
    protected abstract void persistSkip(long seq);

    protected abstract StoredMessage read(IndexEntry entry);

    /** Reads several messages, oldest first; a storage may read neighbouring records at once. */
    protected List<StoredMessage> read(List<IndexEntry> batch) {
        List<StoredMessage> messages = new ArrayList<>(batch.size());
        for (IndexEntry entry : batch) {
            messages.add(read(entry));
        }
        return messages;
    }

    /** Told once an entry has left the index, so storage can release what held it. */
    protected void released(IndexEntry entry) {
    }

    /** Nothing to wait for here; a storage that syncs every append waits for it (outside the lock). */
    @Override
    public void awaitDurable(long seq) {
    }

    protected abstract void closeStorage();

    // --- used by subclasses while recovering (lock held, before the store is shared) ---

    /**
     * A message record found on disk. A later record of the same sequence (a copied or renamed
     * block, or a compaction cut short by a crash: BlockCompactor) replaces the earlier, so the
     * index, the subject sets and the byte count never disagree.
     */
    protected final void recoverEntry(IndexEntry entry) {
        IndexEntry earlier = entries.get(entry.seq());
        if (earlier != null) {
            drop(earlier);
        }
        add(entry);
        lastSeq = Math.max(lastSeq, entry.seq());
        lastTimeNanos = Math.max(lastTimeNanos, entry.timestampNanos());
    }

    protected final void recoverRemoval(long seq) {
        IndexEntry entry = entries.get(seq);
        if (entry != null) {
            drop(entry);
        }
        lastSeq = Math.max(lastSeq, seq);
    }

    protected final void recoverFirstSeq(long firstSeq) {
        while (!entries.isEmpty() && entries.firstKey() < firstSeq) {
            drop(entries.firstEntry().getValue());
        }
        emptyFirstSeq = Math.max(emptyFirstSeq, firstSeq);
        lastSeq = Math.max(lastSeq, firstSeq - 1);
    }

    protected final void recoverSkip(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    /** Ends recovery: the first sequence follows the survivors, and limits apply again. */
    protected final void finishRecovery() {
        emptyFirstSeq = Math.max(emptyFirstSeq, lastSeq + 1);
        List<IndexEntry> removed = new ArrayList<>();
        expireLocked(clockNanos.getAsLong(), removed);
        enforceLimits(null, removed);
    }

    /** The index's entry for {@code seq}, or null. Lock held. */
    protected final IndexEntry entryLocked(long seq) {
        return entries.get(seq);
    }

    /** Points the entry for {@code seq} at its record's new place (storage compaction). Lock held. */
    protected final void relocate(long seq, Object location) {
        IndexEntry entry = entries.get(seq);
        if (entry != null) {
            // Replacing a value is not a structural change: an iteration over entries goes on.
            entries.put(seq, new IndexEntry(seq, entry.subject(), entry.timestampNanos(), entry.size(), location));
        }
    }

    protected final long lastSeqLocked() {
        return lastSeq;
    }

    protected final long firstSeqLocked() {
        return entries.isEmpty() ? emptyFirstSeq : entries.firstKey();
    }

    // --- MessageStore ---

    @Override
    public long append(String subject, byte[] headers, byte[] payload) {
        return append(subject, headers, payload, 0);
    }

    @Override
    public long append(String subject, byte[] headers, byte[] payload, long timestampNanos) {
        long seq = write(subject, headers, payload, timestampNanos);
        awaitDurable(seq);
        return seq;
    }

    @Override
    public long appendWithoutWaiting(String subject, byte[] headers, byte[] payload) {
        return write(subject, headers, payload, 0);
    }

    /** Stores a message (written to the storage, not necessarily synced); returns its sequence. */
    private long write(String subject, byte[] headers, byte[] payload, long timestampNanos) {
        byte[] hdr = headers == null ? EMPTY : headers;
        byte[] msg = payload == null ? EMPTY : payload;
        List<IndexEntry> removed = new ArrayList<>();
        long seq;
        lock.lock();
        try {
            ensureOpen();
            long now = Math.max(clockNanos.getAsLong(), lastTimeNanos);
            expireLocked(now, removed);
            long size = sizeOf(subject, hdr.length, msg.length);
            admit(subject, hdr.length + msg.length, size);
            seq = lastSeq + 1;
            long stamp = timestampNanos == 0 ? now : timestampNanos;
            Object location = persistMessage(seq, stamp, subject, hdr, msg);
            add(new IndexEntry(seq, subject, stamp, size, location));
            lastSeq = seq;
            lastTimeNanos = Math.max(lastTimeNanos, stamp);
            enforceLimits(subject, removed);
        } finally {
            lock.unlock();
        }
        notifyRemoved(removed);
        return seq;
    }

    /** nats-server's discard-new checks (memstore.storeRawMsg), before anything is written. */
    private void admit(String subject, long messageLength, long size) {
        if (limits.maxMsgSize() > 0 && messageLength > limits.maxMsgSize()) {
            throw new StoreException(StoreException.Kind.MSG_TOO_BIG);
        }
        if (!limits.discardNew()) {
            return;
        }
        TreeSet<Long> same = bySubject.get(subject);
        // A message that will replace the oldest of its subject does not grow the stream.
        boolean atSubjectLimit = same != null && limits.maxMsgsPerSubject() > 0
                && same.size() >= limits.maxMsgsPerSubject();
        if (atSubjectLimit && limits.discardNewPerSubject()) {
            throw new StoreException(StoreException.Kind.MAX_MSGS_PER_SUBJECT);
        }
        if (limits.maxMsgs() > 0 && entries.size() >= limits.maxMsgs() && !atSubjectLimit) {
            throw new StoreException(StoreException.Kind.MAX_MSGS);
        }
        if (limits.maxBytes() > 0 && bytes + size >= limits.maxBytes()) {
            if (!atSubjectLimit || entries.get(same.first()).size() < size) {
                throw new StoreException(StoreException.Kind.MAX_BYTES);
            }
        }
    }

    /** Discard old: per subject first (for the subject just stored, or all), then messages and bytes. */
    private void enforceLimits(String subject, List<IndexEntry> removed) {
        if (limits.maxMsgsPerSubject() > 0) {
            if (subject != null) {
                trimSubject(subject, removed);
            } else {
                for (String each : new ArrayList<>(bySubject.keySet())) {
                    trimSubject(each, removed);
                }
            }
        }
        boolean front = false;
        while (!entries.isEmpty() && (limits.maxMsgs() > 0 && entries.size() > limits.maxMsgs()
                || limits.maxBytes() > 0 && bytes > limits.maxBytes())) {
            removed.add(drop(entries.firstEntry().getValue()));
            front = true;
        }
        if (front) {
            persistFirstSeq(firstSeqLocked());
        }
    }

    private void trimSubject(String subject, List<IndexEntry> removed) {
        TreeSet<Long> same = bySubject.get(subject);
        while (same != null && same.size() > limits.maxMsgsPerSubject()) {
            IndexEntry oldest = entries.get(same.first());
            persistRemoval(oldest, false);
            removed.add(drop(oldest));
            same = bySubject.get(subject);
        }
    }

    @Override
    public long expire() {
        List<IndexEntry> removed = new ArrayList<>();
        lock.lock();
        try {
            ensureOpen();
            expireLocked(clockNanos.getAsLong(), removed);
        } finally {
            lock.unlock();
        }
        notifyRemoved(removed);
        return removed.size();
    }

    private void expireLocked(long now, List<IndexEntry> removed) {
        if (!limits.hasMaxAge()) {
            return;
        }
        long cutoff = now - limits.maxAge().toNanos();
        boolean any = false;
        while (!entries.isEmpty() && entries.firstEntry().getValue().timestampNanos() <= cutoff) {
            removed.add(drop(entries.firstEntry().getValue()));
            any = true;
        }
        if (any) {
            persistFirstSeq(firstSeqLocked());
        }
    }

    @Override
    public Optional<StoredMessage> load(long seq) {
        lock.lock();
        try {
            ensureOpen();
            IndexEntry entry = entries.get(seq);
            return entry == null ? Optional.empty() : Optional.of(read(entry));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoredMessage> loadNext(String filter, long fromSeq) {
        lock.lock();
        try {
            ensureOpen();
            if (SubjectFilter.isLiteral(filter)) {
                TreeSet<Long> same = bySubject.get(filter);
                Long seq = same == null ? null : same.ceiling(fromSeq);
                return seq == null ? Optional.empty() : Optional.of(read(entries.get(seq)));
            }
            for (IndexEntry entry : entries.tailMap(fromSeq, true).values()) {
                if (SubjectFilter.matches(filter, entry.subject())) {
                    return Optional.of(read(entry));
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Past this many index entries looked at, a batch that found something is returned as it is. */
    private static final int BATCH_SCAN_LIMIT = 65_536;

    @Override
    public List<StoredMessage> loadNextBatch(List<String> filters, long fromSeq, int maxMessages, long maxBytes) {
        lock.lock();
        try {
            ensureOpen();
            List<IndexEntry> batch = new ArrayList<>(Math.min(maxMessages, 256));
            if (filters.size() == 1 && SubjectFilter.isLiteral(filters.get(0))) {
                TreeSet<Long> same = bySubject.get(filters.get(0));
                if (same != null) {
                    long bytes = 0;
                    for (Long seq : same.tailSet(fromSeq, true)) {
                        IndexEntry entry = entries.get(seq);
                        batch.add(entry);
                        bytes += entry.size();
                        if (batch.size() >= maxMessages || bytes >= maxBytes) {
                            break;
                        }
                    }
                }
            } else {
                boolean all = filters.isEmpty() || filters.stream().anyMatch(SubjectFilter::isAll);
                long bytes = 0;
                int looked = 0;
                for (IndexEntry entry : entries.tailMap(fromSeq, true).values()) {
                    if (++looked > BATCH_SCAN_LIMIT && !batch.isEmpty()) {
                        break;
                    }
                    if (all || matchesAny(filters, entry.subject())) {
                        batch.add(entry);
                        bytes += entry.size();
                        if (batch.size() >= maxMessages || bytes >= maxBytes) {
                            break;
                        }
                    }
                }
            }
            return read(batch);
        } finally {
            lock.unlock();
        }
    }

    private static boolean matchesAny(List<String> filters, String subject) {
        for (String f : filters) {
            if (SubjectFilter.matches(f, subject)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<StoredMessage> loadLast(String filter) {
        lock.lock();
        try {
            ensureOpen();
            if (SubjectFilter.isLiteral(filter)) {
                TreeSet<Long> same = bySubject.get(filter);
                return same == null ? Optional.empty() : Optional.of(read(entries.get(same.last())));
            }
            for (IndexEntry entry : entries.descendingMap().values()) {
                if (SubjectFilter.matches(filter, entry.subject())) {
                    return Optional.of(read(entry));
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(long seq) {
        return removeOne(seq, false);
    }

    @Override
    public boolean erase(long seq) {
        return removeOne(seq, true);
    }

    private boolean removeOne(long seq, boolean erase) {
        IndexEntry entry;
        lock.lock();
        try {
            ensureOpen();
            entry = entries.get(seq);
            if (entry == null) {
                return false;
            }
            persistRemoval(entry, erase);
            drop(entry);
        } finally {
            lock.unlock();
        }
        notifyRemoved(List.of(entry));
        return true;
    }

    @Override
    public long purge() {
        return compactTo(Long.MIN_VALUE);
    }

    @Override
    public long compact(long seq) {
        return compactTo(seq);
    }

    /** Removes everything below {@code seq}; MIN_VALUE means "below the next sequence". */
    private long compactTo(long seq) {
        List<IndexEntry> removed = new ArrayList<>();
        lock.lock();
        try {
            ensureOpen();
            long first = seq == Long.MIN_VALUE ? lastSeq + 1 : seq;
            if (first <= firstSeqLocked()) {
                return 0;
            }
            persistFirstSeq(first);
            while (!entries.isEmpty() && entries.firstKey() < first) {
                removed.add(drop(entries.firstEntry().getValue()));
            }
            emptyFirstSeq = Math.max(emptyFirstSeq, first);
            lastSeq = Math.max(lastSeq, first - 1);
        } finally {
            lock.unlock();
        }
        notifyRemoved(removed);
        return removed.size();
    }

    @Override
    public long purge(String filter, long beforeSeq, long keep) {
        if (SubjectFilter.isAll(filter) && keep <= 0) {
            return beforeSeq > 0 ? compact(beforeSeq) : purge();
        }
        List<IndexEntry> removed = new ArrayList<>();
        lock.lock();
        try {
            ensureOpen();
            List<IndexEntry> matching = new ArrayList<>();
            for (IndexEntry entry : entries.values()) {
                if ((beforeSeq <= 0 || entry.seq() < beforeSeq) && SubjectFilter.matches(filter, entry.subject())) {
                    matching.add(entry);
                }
            }
            int end = (int) Math.max(0, matching.size() - Math.max(0, keep));
            for (IndexEntry entry : matching.subList(0, end)) {
                persistRemoval(entry, false);
                removed.add(drop(entry));
            }
        } finally {
            lock.unlock();
        }
        notifyRemoved(removed);
        return removed.size();
    }

    @Override
    public void skip(long seq) {
        lock.lock();
        try {
            ensureOpen();
            if (seq <= lastSeq) {
                return;
            }
            persistSkip(seq);
            if (entries.isEmpty()) {
                emptyFirstSeq = seq + 1;
            }
            lastSeq = seq;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StoreState state() {
        lock.lock();
        try {
            long first = firstSeqLocked();
            long msgs = entries.size();
            long firstTime = entries.isEmpty() ? 0 : entries.firstEntry().getValue().timestampNanos();
            long deleted = msgs == 0 ? 0 : lastSeq - first + 1 - msgs;
            return new StoreState(msgs, bytes, first, firstTime, lastSeq, msgs == 0 ? 0 : lastTimeNanos, deleted,
                    bySubject.size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, Long> subjectTotals(String filter) {
        lock.lock();
        try {
            Map<String, Long> totals = new TreeMap<>();
            bySubject.forEach((subject, seqs) -> {
                if (SubjectFilter.matches(filter, subject)) {
                    totals.put(subject, (long) seqs.size());
                }
            });
            return totals;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long numPending(long fromSeq, String filter) {
        lock.lock();
        try {
            if (SubjectFilter.isAll(filter)) {
                return entries.tailMap(fromSeq, true).size();
            }
            if (SubjectFilter.isLiteral(filter)) {
                TreeSet<Long> same = bySubject.get(filter);
                return same == null ? 0 : same.tailSet(fromSeq, true).size();
            }
            long count = 0;
            for (Map.Entry<String, TreeSet<Long>> subject : bySubject.entrySet()) {
                if (SubjectFilter.matches(filter, subject.getKey())) {
                    count += subject.getValue().tailSet(fromSeq, true).size();
                }
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void updateLimits(StoreLimits newLimits) {
        List<IndexEntry> removed = new ArrayList<>();
        lock.lock();
        try {
            ensureOpen();
            limits = newLimits;
            expireLocked(clockNanos.getAsLong(), removed);
            enforceLimits(null, removed);
        } finally {
            lock.unlock();
        }
        notifyRemoved(removed);
    }

    @Override
    public void addRemovalListener(RemovalListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeStorage();
        } finally {
            lock.unlock();
        }
    }

    protected final void ensureOpen() {
        if (closed) {
            throw new StoreException(StoreException.Kind.CLOSED);
        }
    }

    private void add(IndexEntry entry) {
        entries.put(entry.seq(), entry);
        bySubject.computeIfAbsent(entry.subject(), s -> new TreeSet<>()).add(entry.seq());
        bytes += entry.size();
    }

    private IndexEntry drop(IndexEntry entry) {
        entries.remove(entry.seq());
        TreeSet<Long> same = bySubject.get(entry.subject());
        same.remove(entry.seq());
        if (same.isEmpty()) {
            bySubject.remove(entry.subject());
        }
        bytes -= entry.size();
        released(entry);
        return entry;
    }

    private void notifyRemoved(List<IndexEntry> removed) {
        if (listeners.isEmpty()) {
            return;
        }
        for (Iterator<IndexEntry> it = removed.iterator(); it.hasNext();) {
            IndexEntry entry = it.next();
            for (RemovalListener listener : listeners) {
                listener.removed(entry.seq(), entry.subject());
            }
        }
    }
}
