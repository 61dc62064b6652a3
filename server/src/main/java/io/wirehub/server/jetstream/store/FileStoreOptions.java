package io.wirehub.server.jetstream.store;

import java.util.function.LongSupplier;

/**
 * How a {@link FileStore} keeps its files.
 *
 * @param firstSeq the first sequence of a new store (ignored when the directory has blocks)
 * @param blockSize a block file is closed and a new one started once it would grow past this
 * @param syncAlways fsync before append returns (group commit); otherwise an append returns once
 *     written to the OS, which survives kill -9 but not a power loss
 * @param clockNanos nanoseconds since the epoch
 */
public record FileStoreOptions(StoreLimits limits, long firstSeq, long blockSize, boolean syncAlways,
        LongSupplier clockNanos) {

    /** nats-server's default block size for limits streams. */
    public static final long DEFAULT_BLOCK_SIZE = 8L * 1024 * 1024;

    public static FileStoreOptions defaults(StoreLimits limits) {
        return new FileStoreOptions(limits, 1, DEFAULT_BLOCK_SIZE, false, IndexedStore::wallClockNanos);
    }

    public FileStoreOptions withSyncAlways(boolean value) {
        return new FileStoreOptions(limits, firstSeq, blockSize, value, clockNanos);
    }

    public FileStoreOptions withBlockSize(long value) {
        return new FileStoreOptions(limits, firstSeq, value, syncAlways, clockNanos);
    }

    public FileStoreOptions withFirstSeq(long value) {
        return new FileStoreOptions(limits, value, blockSize, syncAlways, clockNanos);
    }

    public FileStoreOptions withClock(LongSupplier value) {
        return new FileStoreOptions(limits, firstSeq, blockSize, syncAlways, value);
    }
}
