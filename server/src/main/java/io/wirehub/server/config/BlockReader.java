package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.MapValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the entries of a block, matching keys case-insensitively as nats-server does, collecting
 * every problem with its own position instead of stopping at the first.
 */
final class BlockReader {
    private final String blockName;
    private final List<String> problems = new ArrayList<>();

    BlockReader(String blockName) {
        this.blockName = blockName;
    }

    /** The block's map, or a problem when the entry holds something else. */
    MapValue map(ConfigEntry entry) {
        if (entry.value() instanceof MapValue map) {
            return map;
        }
        problems.add(entry.position().problem("\"" + entry.key() + "\" expects a block { ... }, got "
                + entry.value().describe()));
        return null;
    }

    /**
     * Calls the handler of each entry by lower-cased key; an entry no handler takes is reported as
     * an unknown field of this block.
     */
    void each(MapValue map, Map<String, Consumer<ConfigEntry>> handlers) {
        for (ConfigEntry entry : map.entries().values()) {
            Consumer<ConfigEntry> handler = handlers.get(entry.key().toLowerCase(Locale.ROOT));
            if (handler == null) {
                if (!entry.referencedAsVariable()) {
                    problems.add(entry.position().problem("unknown field \"" + entry.key() + "\" in " + blockName));
                }
                continue;
            }
            try {
                handler.accept(entry);
            } catch (BlockProblems nested) {
                problems.addAll(nested.problems());
            } catch (InvalidValueException e) {
                problems.add(entry.position().problem(e.getMessage()));
            }
        }
    }

    void problem(SourcePosition where, String message) {
        problems.add(where.problem(message));
    }

    /** Problems already formatted with their positions (from a nested block). */
    void addFormatted(List<String> formatted) {
        problems.addAll(formatted);
    }

    /** Throws every collected problem, if any. */
    void finish() {
        if (!problems.isEmpty()) {
            throw new BlockProblems(problems);
        }
    }
}
