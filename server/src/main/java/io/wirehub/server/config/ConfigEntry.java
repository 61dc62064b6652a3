package io.wirehub.server.config;

/**
 * One {@code key: value} of a map.
 *
 * @param key                  the key as written (matching is the binder's business)
 * @param position             where the key was written; errors about the entry point here
 * @param value                the value
 * @param referencedAsVariable true when a later {@code $key} used this entry: nats-server does
 *                             not report such a top-level key as unknown, since it only holds a
 *                             value for others to refer to
 */
record ConfigEntry(String key, SourcePosition position, ConfigValue value, boolean referencedAsVariable) {

    ConfigEntry(String key, SourcePosition position, ConfigValue value) {
        this(key, position, value, false);
    }

    ConfigEntry markReferenced() {
        return referencedAsVariable ? this : new ConfigEntry(key, position, value, true);
    }
}
