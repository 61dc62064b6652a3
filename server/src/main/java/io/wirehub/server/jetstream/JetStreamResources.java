package io.wirehub.server.jetstream;

import io.wirehub.server.config.JetStreamConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store directory and size limits JetStream runs with, computed as nats-server does when the
 * config leaves them out: data under {@code <store_dir>/jetstream} (or
 * {@code <temp dir>/nats/jetstream}), memory 75 % of physical memory (256 MB if unknown), disk 75 %
 * of the space available at the store directory (1 TB if it cannot be read).
 */
public record JetStreamResources(Path storeDir, long maxMemory, long maxStore, boolean temporaryStoreDir) {
    static final long DEFAULT_MAX_STORE = 1L << 40;
    static final long DEFAULT_MAX_MEMORY = 256L << 20;

    public static JetStreamResources of(JetStreamConfig config) {
        boolean temporary = config.storeDir() == null;
        Path dir = temporary ? Path.of(System.getProperty("java.io.tmpdir"), "nats", "jetstream")
                : config.storeDir().resolve("jetstream");
        long memory = config.maxMemory() >= 0 ? config.maxMemory() : physicalMemory() / 4 * 3;
        long store = config.maxStore() >= 0 ? config.maxStore() : availableDisk(dir);
        return new JetStreamResources(dir, memory, store, temporary);
    }

    /**
     * Makes sure the store directory exists and takes files, with nats-server's reasons when not
     * (it refuses to start JetStream then).
     */
    public void prepareStoreDir() throws IOException {
        if (!Files.exists(storeDir)) {
            try {
                Files.createDirectories(storeDir);
            } catch (IOException e) {
                throw new IOException("could not create storage directory - mkdir " + storeDir + ": "
                        + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()), e);
            }
            return;
        }
        if (!Files.isDirectory(storeDir)) {
            throw new IOException("storage directory is not a directory");
        }
        try {
            Files.delete(Files.createTempFile(storeDir, "_test_", ""));
        } catch (IOException e) {
            throw new IOException("storage directory is not writable", e);
        }
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return DEFAULT_MAX_MEMORY / 3 * 4;
    }

    /** 75 % of the space available to us at {@code dir}, creating it first as nats-server does. */
    private static long availableDisk(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.getFileStore(dir).getUsableSpace() / 4 * 3;
        } catch (IOException | SecurityException e) {
            return DEFAULT_MAX_STORE;
        }
    }
}
