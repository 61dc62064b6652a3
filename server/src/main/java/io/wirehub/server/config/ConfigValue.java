package io.wirehub.server.config;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a parsed config file. Every value remembers where it was written, so the binder can
 * name {@code file:line} in its errors. The types are the ones the NATS format can express.
 */
sealed interface ConfigValue {

    SourcePosition position();

    /** The same value as if written at {@code where}: a variable reference takes its own position. */
    ConfigValue relocated(SourcePosition where);

    /** Type and value as an error message shows them, e.g. {@code string "4222"}. */
    String describe();

    record StringValue(String value, SourcePosition position) implements ConfigValue {
        @Override
        public StringValue relocated(SourcePosition where) {
            return new StringValue(value, where);
        }

        @Override
        public String describe() {
            return "string \"" + value + "\"";
        }
    }

    /** An integer, with any size suffix ({@code 1k}, {@code 64MB}) already applied. */
    record IntegerValue(long value, SourcePosition position) implements ConfigValue {
        @Override
        public IntegerValue relocated(SourcePosition where) {
            return new IntegerValue(value, where);
        }

        @Override
        public String describe() {
            return "integer " + value;
        }
    }

    record FloatValue(double value, SourcePosition position) implements ConfigValue {
        @Override
        public FloatValue relocated(SourcePosition where) {
            return new FloatValue(value, where);
        }

        @Override
        public String describe() {
            return "float " + value;
        }
    }

    record BooleanValue(boolean value, SourcePosition position) implements ConfigValue {
        @Override
        public BooleanValue relocated(SourcePosition where) {
            return new BooleanValue(value, where);
        }

        @Override
        public String describe() {
            return "boolean " + value;
        }
    }

    /** An ISO 8601 Zulu date such as {@code 2016-05-04T18:53:41Z}. */
    record DateValue(Instant value, SourcePosition position) implements ConfigValue {
        @Override
        public DateValue relocated(SourcePosition where) {
            return new DateValue(value, where);
        }

        @Override
        public String describe() {
            return "date " + value;
        }
    }

    record ListValue(List<ConfigValue> values, SourcePosition position) implements ConfigValue {
        public ListValue {
            values = List.copyOf(values);
        }

        @Override
        public ListValue relocated(SourcePosition where) {
            return new ListValue(values, where);
        }

        @Override
        public String describe() {
            return "list";
        }
    }

    /** A map, its entries in the order written (a key written twice keeps the last value). */
    record MapValue(Map<String, ConfigEntry> entries, SourcePosition position) implements ConfigValue {
        public MapValue {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** The entry for {@code key} exactly as written, or null. */
        public ConfigEntry get(String key) {
            return entries.get(key);
        }

        @Override
        public MapValue relocated(SourcePosition where) {
            return new MapValue(entries, where);
        }

        @Override
        public String describe() {
            return "map";
        }
    }
}
