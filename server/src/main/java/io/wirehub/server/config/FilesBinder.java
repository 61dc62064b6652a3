package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.MapValue;
import java.util.Map;

/**
 * Reads Wirehub's {@code files { ... }} block:
 * <pre>
 * files {
 *   dir: "/var/lib/wirehub/files"
 *   max_file_size: 4GB
 *   max_store_size: 16GB
 *   chunk_size: 256KB
 * }
 * </pre>
 */
final class FilesBinder {
    private FilesBinder() {
    }

    static FilesConfig read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("files");
        MapValue map = reader.map(entry);
        FilesConfig[] config = {FilesConfig.OFF};
        if (map != null) {
            reader.each(map, Map.of(
                    "dir", e -> config[0] = config[0].withDirectory(EntryValues.path(e)),
                    "store", e -> config[0] = config[0].withDirectory(EntryValues.path(e)),
                    "max_file_size", e -> config[0] = config[0].withLimits(positive(e), config[0].maxStoreSize()),
                    "max_store_size", e -> config[0] = config[0].withLimits(config[0].maxFileSize(), positive(e)),
                    "chunk_size", e -> config[0] = config[0].withChunkSize(chunkSize(e))));
            if (config[0].directory() == null) {
                reader.problem(entry.position(), "files needs a dir to keep files in");
            }
        }
        reader.finish();
        return config[0];
    }

    private static long positive(ConfigEntry entry) {
        long value = EntryValues.integer(entry);
        if (value < 1) {
            throw new InvalidValueException("\"" + entry.key() + "\" must be positive, got " + value);
        }
        return value;
    }

    private static int chunkSize(ConfigEntry entry) {
        long value = EntryValues.integer(entry);
        if (value < 1024 || value > 512 * 1024) {
            throw new InvalidValueException("\"" + entry.key() + "\" must be between 1KB and 512KB, got " + value);
        }
        return (int) value;
    }
}
