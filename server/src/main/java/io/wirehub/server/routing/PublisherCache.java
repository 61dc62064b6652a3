package io.wirehub.server.routing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One publishing connection's own small cache of match results, keyed by the subject's bytes so a
 * hit costs a hash and a compare, and allocates nothing. Every entry is dropped when the index's
 * generation moves (a subscription came or went anywhere); a miss falls back to the shared index.
 *
 * <p>Not thread-safe by design: owned by one reader thread.
 */
public final class PublisherCache {
    /** Direct-mapped slots; a power of two. */
    static final int SLOTS = 64;

    private final byte[][] keys = new byte[SLOTS][];
    private final int[] hashes = new int[SLOTS];
    private final MatchResult[] results = new MatchResult[SLOTS];
    private long generation = -1;

    public MatchResult lookup(SubjectIndex index, byte[] buf, int offset, int length) {
        long current = index.generation();
        if (current != generation) {
            Arrays.fill(keys, null);
            Arrays.fill(results, null);
            generation = current;
        }
        int hash = hash(buf, offset, length);
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && hashes[slot] == hash
                && Arrays.equals(key, 0, key.length, buf, offset, offset + length)) {
            return results[slot];
        }
        // The result may be newer than `current`; the next lookup then sees the generation move.
        MatchResult result = index.match(new String(buf, offset, length, StandardCharsets.ISO_8859_1));
        keys[slot] = Arrays.copyOfRange(buf, offset, offset + length);
        hashes[slot] = hash;
        results[slot] = result;
        return result;
    }

    private static int hash(byte[] buf, int offset, int length) {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }
}
