package io.wirehub.server.jetstream.store;

/**
 * One decoded record of a block file. Only {@link Kind#MESSAGE} carries subject, headers and
 * payload; the others carry a sequence only.
 */
record Record(Kind kind, long seq, long timestampNanos, String subject, byte[] headers, byte[] payload) {

    enum Kind {
        /** A stored message. */
        MESSAGE(1),
        /** The message at seq is removed (remove, erase, per-subject limit, filtered purge). */
        DELETE(2),
        /** Every sequence below seq is gone, and the last is at least seq - 1 (purge, compact, limits). */
        FIRST(3),
        /** Sequences up to seq are used (skip; and at the start of each block, the last sequence then). */
        LAST(4);

        final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    static Record marker(Kind kind, long seq) {
        return new Record(kind, seq, 0, "", IndexedStore.EMPTY, IndexedStore.EMPTY);
    }
}
