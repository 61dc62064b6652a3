package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.BooleanValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code jetstream} as nats-server 2.10's parseJetStream does: {@code true}/{@code false},
 * {@code enabled}/{@code disabled}, or a block that enables unless it says {@code enabled: false};
 * with nats-server's texts for its errors.
 */
final class JetStreamBinder {
    static final String DUPLICATE_STORE_DIR = "Duplicate 'store_dir' configuration";
    private static final Map<String, Long> SIZE_SHIFTS = Map.of("K", 10L, "M", 20L, "G", 30L, "T", 40L);

    private JetStreamBinder() {
    }

    static JetStreamConfig read(ConfigEntry entry, JetStreamConfig current, Consumer<String> warnings) {
        ConfigValue value = entry.value();
        if (value instanceof BooleanValue b) {
            return current.withEnabled(b.value());
        }
        if (value instanceof StringValue s) {
            return current.withEnabled(enabledWord(s.value()));
        }
        if (!(value instanceof MapValue map)) {
            throw new InvalidValueException("Expected map, bool or string to define JetStream, got "
                    + value.describe());
        }
        BlockReader reader = new BlockReader("jetstream");
        JetStreamConfig[] c = {current};
        boolean[] enable = {true};
        Map<String, Consumer<ConfigEntry>> keys = new HashMap<>();
        for (String k : new String[] {"store", "store_dir", "storedir"}) {
            keys.put(k, e -> c[0] = withStoreDir(c[0], e));
        }
        for (String k : new String[] {"sync", "sync_interval"}) {
            keys.put(k, e -> c[0] = e.value() instanceof StringValue s && s.value().equalsIgnoreCase("always")
                    ? c[0].withSync(JetStreamConfig.DEFAULT_SYNC_INTERVAL, true)
                    : c[0].withSync(EntryValues.durationOrSeconds(e, warnings), false));
        }
        for (String k : new String[] {"max_memory_store", "max_mem_store", "max_mem"}) {
            keys.put(k, e -> c[0] = c[0].withMaxMemory(storageSize(e, "max_mem_store")));
        }
        for (String k : new String[] {"max_file_store", "max_file"}) {
            keys.put(k, e -> c[0] = c[0].withMaxStore(storageSize(e, "max_file_store")));
        }
        keys.put("domain", e -> c[0] = c[0].withDomain(EntryValues.string(e)));
        keys.put("enable", e -> enable[0] = EntryValues.bool(e));
        keys.put("enabled", e -> enable[0] = EntryValues.bool(e));
        for (String k : new String[] {"key", "ek", "encryption_key", "prev_key", "prev_ek", "prev_encryption_key",
                "cipher"}) {
            keys.put(k, e -> {
                throw new InvalidValueException("\"" + e.key() + "\" is not supported yet: JetStream encryption");
            });
        }
        keys.put("extension_hint", e -> c[0] = c[0].withExtensionHint(EntryValues.string(e)));
        keys.put("limits", e -> c[0] = c[0].withLimits(limits(e)));
        keys.put("unique_tag", e -> c[0] = c[0].withUniqueTag(
                EntryValues.string(e).strip().toLowerCase(Locale.ROOT)));
        keys.put("max_outstanding_catchup", e -> c[0] = c[0].withMaxCatchup(
                storageSize(e, e.key().toLowerCase(Locale.ROOT))));
        keys.put("request_queue_limit", e -> {
            if (!(e.value() instanceof IntegerValue i)) {
                throw new InvalidValueException("Expected a parseable size for \"" + e.key() + "\", got "
                        + e.value().describe());
            }
            c[0] = c[0].withRequestQueueLimit(i.value());
        });
        reader.each(map, keys);
        reader.finish();
        return c[0].withEnabled(enable[0]);
    }

    /** Top-level {@code store_dir}: one place only, as nats-server insists. */
    static JetStreamConfig withStoreDir(JetStreamConfig c, ConfigEntry e) {
        if (c.storeDir() != null) {
            throw new InvalidValueException(DUPLICATE_STORE_DIR);
        }
        return c.withStoreDir(EntryValues.pathNamed(e, EntryValues.string(e)));
    }

    static boolean enabledWord(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "enabled", "enable" -> true;
            case "disabled", "disable" -> false;
            default -> throw new InvalidValueException(
                    "Expected 'enabled' or 'disabled' for string value, got '" + word + "'");
        };
    }

    /** nats-server's getStorageSize: an integer (with the config's size suffixes) or "10G". */
    static long storageSize(ConfigEntry e, String name) {
        if (e.value() instanceof IntegerValue i) {
            return i.value();
        }
        if (!(e.value() instanceof StringValue s)) {
            throw new InvalidValueException(name + " must be int64 or string");
        }
        String text = s.value();
        if (text.isEmpty()) {
            return 0;
        }
        String prefix = text.substring(0, text.length() - 1);
        long number;
        try {
            number = Long.parseLong(prefix);
        } catch (NumberFormatException ex) {
            throw new InvalidValueException(name + " strconv.ParseInt: parsing \"" + prefix + "\": invalid syntax");
        }
        Long shift = SIZE_SHIFTS.get(text.substring(text.length() - 1));
        if (shift == null) {
            throw new InvalidValueException(name + " sizes defined as strings must end in K, M, G, T");
        }
        return number << shift;
    }

    private static JetStreamConfig.ServerLimits limits(ConfigEntry entry) {
        if (!(entry.value() instanceof MapValue map)) {
            throw new InvalidValueException("Expected a map to define JetStreamLimits, got " + entry.value().describe());
        }
        BlockReader reader = new BlockReader("limits");
        JetStreamConfig.ServerLimits[] l = {JetStreamConfig.ServerLimits.NONE};
        reader.each(map, Map.of(
                "max_ack_pending", e -> l[0] = new JetStreamConfig.ServerLimits(EntryValues.smallInteger(e),
                        l[0].maxHaAssets(), l[0].maxRequestBatch(), l[0].duplicateWindow()),
                "max_ha_assets", e -> l[0] = new JetStreamConfig.ServerLimits(l[0].maxAckPending(),
                        EntryValues.smallInteger(e), l[0].maxRequestBatch(), l[0].duplicateWindow()),
                "max_request_batch", e -> l[0] = new JetStreamConfig.ServerLimits(l[0].maxAckPending(),
                        l[0].maxHaAssets(), EntryValues.smallInteger(e), l[0].duplicateWindow()),
                "duplicate_window", e -> {
                    Duration d = EntryValues.duration(e);
                    l[0] = new JetStreamConfig.ServerLimits(l[0].maxAckPending(), l[0].maxHaAssets(),
                            l[0].maxRequestBatch(), d);
                }));
        reader.finish();
        return l[0];
    }

    /** An account's {@code jetstream}: null when disabled, else its limits (nats-server's parseJetStreamForAccount). */
    static JetStreamAccountLimits readAccount(ConfigEntry entry) {
        ConfigValue value = entry.value();
        if (value instanceof BooleanValue b) {
            return b.value() ? JetStreamAccountLimits.UNLIMITED : null;
        }
        if (value instanceof StringValue s) {
            return enabledWord(s.value()) ? JetStreamAccountLimits.UNLIMITED : null;
        }
        if (!(value instanceof MapValue map)) {
            throw new InvalidValueException("Expected map, bool or string to define JetStream, got "
                    + value.describe());
        }
        long[] v = {-1, -1, -1, -1, -1, -1, -1};
        boolean[] required = {false};
        Map<String, Consumer<ConfigEntry>> keys = new HashMap<>();
        String[][] names = {
            {"max_memory", "max_mem", "mem", "memory"},
            {"max_store", "max_file", "max_disk", "store", "disk"},
            {"max_streams", "streams"},
            {"max_consumers", "consumers"},
            {"max_ack_pending"},
            {"mem_max_stream_bytes", "memory_max_stream_bytes"},
            {"disk_max_stream_bytes", "store_max_stream_bytes"},
        };
        for (int i = 0; i < names.length; i++) {
            int slot = i;
            for (String k : names[i]) {
                keys.put(k, e -> {
                    if (!(e.value() instanceof IntegerValue n)) {
                        throw new InvalidValueException("Expected a parseable size for \"" + e.key() + "\", got "
                                + e.value().describe());
                    }
                    v[slot] = n.value();
                });
            }
        }
        for (String k : new String[] {"max_bytes_required", "max_stream_bytes", "max_bytes"}) {
            keys.put(k, e -> {
                if (!(e.value() instanceof BooleanValue b)) {
                    throw new InvalidValueException("Expected a parseable bool for \"" + e.key() + "\", got "
                            + e.value().describe());
                }
                required[0] = b.value();
            });
        }
        BlockReader reader = new BlockReader("jetstream");
        reader.each(map, keys);
        reader.finish();
        return new JetStreamAccountLimits(v[0], v[1], v[2], v[3], v[4], v[5], v[6], required[0]);
    }
}
