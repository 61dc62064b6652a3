package io.wirehub.server.jetstream.api;

import java.util.Optional;
import java.util.function.Function;

/**
 * What stream validation needs to know beyond the config itself.
 *
 * @param serverDuplicateWindowNanos the server's {@code limits.duplicate_window}; 0 for none
 * @param maxBytesRequired           the account's {@code max_bytes_required}
 * @param memoryMaxStreamBytes       the account's {@code memory_max_stream_bytes}; 0 or less for none
 * @param storeMaxStreamBytes        the account's {@code store_max_stream_bytes}; 0 or less for none
 * @param existingStreams            the account's stream of a name, if any (mirror and source checks)
 */
public record StreamCheckContext(long serverDuplicateWindowNanos, boolean maxBytesRequired,
                                 long memoryMaxStreamBytes, long storeMaxStreamBytes,
                                 Function<String, Optional<StreamConfig>> existingStreams) {

    /** A single server with no limits and an account without streams. */
    public static final StreamCheckContext NO_LIMITS =
            new StreamCheckContext(0, false, 0, 0, name -> Optional.empty());
}
