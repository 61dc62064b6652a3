package io.wirehub.server.stats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The most published subjects, estimated from a sample of publishes with the Space-Saving
 * algorithm: a fixed number of counters, so any number of distinct subjects costs the same memory.
 * Readers sample one publish in {@link #SAMPLE_EVERY}, which keeps the cost off the hot path.
 *
 * <p>Reply subjects ({@code _INBOX.} followed by a client's unique inbox) are counted together
 * as one row, {@code _INBOX.>}: each inbox is used once or a few times, so listed one by one they
 * would push the real subjects out of the counters and fill the dashboard with one-off names.
 *
 * <p>Thread-safe: {@link #lock} guards the counters.
 */
public final class BusiestSubjects {
    /** Each reader records one of this many publishes. */
    public static final int SAMPLE_EVERY = 64;
    private static final int CAPACITY = 64;

    private final ReentrantLock lock = new ReentrantLock();
    /** guarded by lock */
    private final Map<String, long[]> counts = new HashMap<>();

    /** One subject and its estimated publish count (sampled counts times the sampling rate). */
    public record SubjectCount(String subject, long messages) {
    }

    /** The row every reply subject is counted in. */
    public static final String INBOXES = "_INBOX.>";
    private static final byte[] INBOX_PREFIX = "_INBOX.".getBytes(StandardCharsets.US_ASCII);

    public void sample(byte[] line, int offset, int length) {
        String subject = isInbox(line, offset, length) ? INBOXES
                : new String(line, offset, length, StandardCharsets.ISO_8859_1);
        lock.lock();
        try {
            long[] count = counts.get(subject);
            if (count != null) {
                count[0]++;
                return;
            }
            if (counts.size() < CAPACITY) {
                counts.put(subject, new long[] {1});
                return;
            }
            // Space-Saving: the new subject takes over the smallest counter, plus one.
            Map.Entry<String, long[]> smallest = null;
            for (Map.Entry<String, long[]> entry : counts.entrySet()) {
                if (smallest == null || entry.getValue()[0] < smallest.getValue()[0]) {
                    smallest = entry;
                }
            }
            long min = smallest.getValue()[0];
            counts.remove(smallest.getKey());
            counts.put(subject, new long[] {min + 1});
        } finally {
            lock.unlock();
        }
    }

    private static boolean isInbox(byte[] line, int offset, int length) {
        if (length <= INBOX_PREFIX.length) {
            return false;
        }
        return java.util.Arrays.equals(line, offset, offset + INBOX_PREFIX.length, INBOX_PREFIX, 0, INBOX_PREFIX.length);
    }

    public List<SubjectCount> top(int n) {
        List<SubjectCount> all = new ArrayList<>();
        lock.lock();
        try {
            counts.forEach((subject, count) -> all.add(new SubjectCount(subject, count[0] * SAMPLE_EVERY)));
        } finally {
            lock.unlock();
        }
        all.sort(Comparator.comparingLong(SubjectCount::messages).reversed());
        return all.subList(0, Math.min(n, all.size()));
    }
}
