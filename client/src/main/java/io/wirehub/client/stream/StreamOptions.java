package io.wirehub.client.stream;

import java.time.Duration;

/**
 * How a byte stream is carried.
 *
 * @param chunkSize   bytes per message; well under the server's max_payload
 * @param window      chunks the writer may send beyond what the reader has consumed: the reader
 *                    buffers nothing beyond it, and a slow reader holds the writer back
 * @param timeout     how long one step (opening, a credit, the end) may take before it is retried
 *                    or, after {@link #MAX_RETRIES}, fails
 * @param idleTimeout how long a reader waits for the writer before it gives up
 */
public record StreamOptions(int chunkSize, int window, Duration timeout, Duration idleTimeout) {
    public static final int MAX_RETRIES = 5;
    public static final StreamOptions DEFAULTS = new StreamOptions(32 * 1024, 16, Duration.ofSeconds(2),
            Duration.ofSeconds(30));

    public StreamOptions {
        if (chunkSize < 1 || chunkSize > 512 * 1024) {
            throw new IllegalArgumentException("chunk size must be between 1 byte and 512 KiB, got " + chunkSize);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
    }

    public StreamOptions withTimeouts(Duration step, Duration idle) {
        return new StreamOptions(chunkSize, window, step, idle);
    }

    public StreamOptions withChunks(int size, int chunks) {
        return new StreamOptions(size, chunks, timeout, idleTimeout);
    }
}
