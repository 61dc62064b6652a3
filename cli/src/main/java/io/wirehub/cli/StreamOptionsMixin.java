package io.wirehub.cli;

import io.wirehub.client.stream.StreamOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The stream verbs' tuning flags. */
final class StreamOptionsMixin {
    @Option(names = "--chunk-size", paramLabel = "BYTES", defaultValue = "32768",
            description = "Bytes per message (default ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--window", paramLabel = "CHUNKS", defaultValue = "16",
            description = "Chunks the writer may be ahead of the reader (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "30s", converter = GoDurationConverter.class,
            description = "How long the reader waits for the writer (default ${DEFAULT-VALUE}).")
    Duration idle;

    StreamOptions options(Duration step) {
        try {
            return new StreamOptions(chunkSize, window, step, idle);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
    }
}
