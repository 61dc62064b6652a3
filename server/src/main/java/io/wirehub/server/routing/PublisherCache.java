package io.wirehub.server.routing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One publishing connection's own small cache of match results, keyed by the subject's bytes so a
 * hit costs a hash and a compare, and allocates nothing. Every entry is dropped when the index's
 * generation moves (a subscription came or went anywhere); a miss falls back to the shared index.
 *
 * <p>It starts small (most connections publish to a handful of subjects, and ten thousand idle
 * connections should not each hold a large table) and doubles, up to {@link #MAX_SLOTS}, while
 * more than a quarter of its lookups miss: a publisher that sends to a thousand subjects in turn
 * would otherwise miss on nearly every message, and each miss allocates the subject as a String
 * and a copy of its bytes (the --curves routing load ran at under a third of nats-server's rate
 * at 100,000 subscriptions before this).
 *
 * <p>Not thread-safe by design: owned by one reader thread.
 */
public final class PublisherCache {
    /** Direct-mapped slots at first and at most; powers of two. */
    static final int FIRST_SLOTS = 64;
    static final int MAX_SLOTS = 4096;
    /** Lookups between two looks at the miss rate. */
    private static final int WINDOW = 1024;

    private byte[][] keys = new byte[FIRST_SLOTS][];
    private int[] hashes = new int[FIRST_SLOTS];
    private MatchResult[] results = new MatchResult[FIRST_SLOTS];
    private long generation = -1;
    private int lookups;
    private int misses;
    /** Which of two full slots a miss replaces next: they take turns. */
    private boolean evictNeighbour;

    public MatchResult lookup(SubjectIndex index, byte[] buf, int offset, int length) {
        long current = index.generation();
        if (current != generation) {
            Arrays.fill(keys, null);
            Arrays.fill(results, null);
            generation = current;
        }
        if (++lookups == WINDOW) {
            growIfMissingOften();
        }
        int hash = hash(buf, offset, length);
        int slot = (hash ^ (hash >>> 16)) & (keys.length - 1);
        if (holds(slot, hash, buf, offset, length)) {
            return results[slot];
        }
        // Two-way: a subject may also sit in its slot's neighbour, so two hot subjects that share
        // a slot do not evict each other on every message.
        int neighbour = slot ^ 1;
        if (holds(neighbour, hash, buf, offset, length)) {
            return results[neighbour];
        }
        misses++;
        if (keys[slot] != null && (keys[neighbour] == null || (evictNeighbour = !evictNeighbour))) {
            slot = neighbour;
        }
        // The result may be newer than `current`; the next lookup then sees the generation move.
        MatchResult result = index.match(new String(buf, offset, length, StandardCharsets.ISO_8859_1));
        keys[slot] = Arrays.copyOfRange(buf, offset, offset + length);
        hashes[slot] = hash;
        results[slot] = result;
        return result;
    }

    private boolean holds(int slot, int hash, byte[] buf, int offset, int length) {
        byte[] key = keys[slot];
        return key != null && hashes[slot] == hash && Arrays.equals(key, 0, key.length, buf, offset, offset + length);
    }

    /** Current number of slots (for tests). */
    int slots() {
        return keys.length;
    }

    private void growIfMissingOften() {
        if (misses * 4 > lookups && keys.length < MAX_SLOTS) {
            int slots = keys.length * 2;
            // Entries are not moved: the next lookups refill the larger table.
            keys = new byte[slots][];
            hashes = new int[slots];
            results = new MatchResult[slots];
        }
        lookups = 0;
        misses = 0;
    }

    /**
     * Eight bytes at a time: the byte-at-a-time {@code 31 * h + b} was a fifth of a publish's CPU
     * samples with no subscriber (a chain of dependent multiplies); only equality and spread
     * across slots matter here, not the value.
     */
    static int hash(byte[] buf, int offset, int length) {
        long h = length;
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(buf, i)) * MIX;
            h ^= h >>> 29; // a product's low bits never see its input's high bits: fold them down
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (buf[i] & 0xFFL) << shift;
        }
        h = (h ^ tail) * MIX;
        // MurmurHash3's finaliser: every input bit reaches the low bits the slot index uses.
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
}
