package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.ConsumerConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a durable consumer of a file stream writes its config and state to its
 * {@link ConsumerStateFile}: changes are coalesced and written at most every
 * {@link #INTERVAL_NANOS} (as nats-server's flusher does), at once when an ack-sync waits for its
 * confirmation. A consumer without a file (ephemerals, memory streams) keeps nothing.
 *
 * <p>Not thread-safe: the consumer's lock guards every call and field.
 */
final class ConsumerPersistence {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerPersistence.class);
    /**
     * Changed state is written at most this often (an ack-sync's ack at once). A kill -9 can lose
     * what changed since: those messages are delivered again.
     */
    static final long INTERVAL_NANOS = 50_000_000L;

    private final String label;
    /** Where the state goes; null to keep none. */
    private ConsumerStateFile file;
    /** State changed since it was last written. */
    private boolean dirty;
    /** System.nanoTime() of the last look at whether to write. */
    private long lastWrite;

    ConsumerPersistence(String stream, String consumer) {
        this.label = "'" + stream + " > " + consumer + "'";
    }

    /** Keeps the config and state in {@code stateFile} from now on, writing both at once. */
    void attach(ConsumerStateFile stateFile, ConsumerConfig config, Instant created,
                Supplier<ConsumerStateFile.Snapshot> state) {
        file = stateFile;
        writeMeta(config, created);
        dirty = true;
        write(state);
    }

    /** The state changed: it is written within the interval. */
    void changed() {
        dirty = true;
    }

    /** A new config (the consumer was updated). */
    void writeMeta(ConsumerConfig config, Instant created) {
        if (file == null) {
            return;
        }
        try {
            file.writeMeta(config, created);
        } catch (IOException e) {
            LOG.warn("Consumer {} config not written: {}", label, e.toString());
        }
    }

    /**
     * Writes the state if it changed and is due ({@code now} is past the interval, or
     * {@code urgent}: a confirmation waits for it). Returns 0, or how long until it is due.
     */
    long writeIfDue(long now, boolean urgent, Supplier<ConsumerStateFile.Snapshot> state) {
        if (dirty && file != null && !urgent && now - lastWrite < INTERVAL_NANOS) {
            return Math.max(1_000_000L, lastWrite + INTERVAL_NANOS - now);
        }
        write(state);
        lastWrite = now;
        return 0;
    }

    private void write(Supplier<ConsumerStateFile.Snapshot> state) {
        if (!dirty || file == null) {
            dirty = false;
            return;
        }
        try {
            file.writeState(state.get());
            dirty = false;
        } catch (IOException e) {
            LOG.warn("Consumer {} state not written: {}", label, e.toString());
        }
    }

    /** Removes the state on disk (the consumer was deleted); nothing is written after. */
    void forget() {
        if (file != null) {
            try {
                file.delete();
            } catch (IOException e) {
                LOG.warn("Consumer {} state not removed: {}", label, e.toString());
            }
            file = null;
        }
    }
}
