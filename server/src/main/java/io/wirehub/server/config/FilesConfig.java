package io.wirehub.server.config;

import java.nio.file.Path;

/**
 * The file service ({@code files { ... }}, {@code --store DIR}): files kept under one directory,
 * uploaded and downloaded in verified chunks over reserved subjects. Off unless a directory is given.
 *
 * @param directory    where files are kept; null when the service is off
 * @param maxFileSize  the largest file accepted, in bytes
 * @param maxStoreSize all files together, uploads in progress included, in bytes
 * @param chunkSize    bytes per chunk, well under max_payload
 */
public record FilesConfig(Path directory, long maxFileSize, long maxStoreSize, int chunkSize) {
    public static final long DEFAULT_MAX_FILE_SIZE = 4L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MAX_STORE_SIZE = 16L * 1024 * 1024 * 1024;
    /** Large enough that per-chunk costs vanish, small enough to stay far under a 1 MiB max_payload. */
    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;
    public static final FilesConfig OFF = new FilesConfig(null, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_STORE_SIZE,
            DEFAULT_CHUNK_SIZE);

    public FilesConfig {
        if (maxFileSize < 1 || maxStoreSize < 1) {
            throw new IllegalArgumentException("file and store limits must be positive");
        }
        if (chunkSize < 1024) {
            throw new IllegalArgumentException("chunk size must be at least 1 KiB, got " + chunkSize);
        }
    }

    public boolean enabled() {
        return directory != null;
    }

    public FilesConfig withDirectory(Path dir) {
        return new FilesConfig(dir, maxFileSize, maxStoreSize, chunkSize);
    }

    public FilesConfig withLimits(long file, long store) {
        return new FilesConfig(directory, file, store, chunkSize);
    }

    public FilesConfig withChunkSize(int size) {
        return new FilesConfig(directory, maxFileSize, maxStoreSize, size);
    }
}
