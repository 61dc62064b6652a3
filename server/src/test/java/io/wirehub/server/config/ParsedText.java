package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.BooleanValue;
import io.wirehub.server.config.ConfigValue.DateValue;
import io.wirehub.server.config.ConfigValue.FloatValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: parses config text held in memory and turns the tree into plain Java values. */
final class ParsedText {
    static final Path FILE = Path.of("test.conf");

    final MapValue root;
    final List<String> problems;

    private ParsedText(MapValue root, List<String> problems) {
        this.root = root;
        this.problems = problems;
    }

    static ParsedText parse(String text) {
        return parse(text, Map.of());
    }

    /** Parses, expecting no syntax error (other problems are kept in {@link #problems}). */
    static ParsedText parse(String text, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        ConfigParser parser = new ConfigParser(new TextCursor(text, FILE, 1),
                (name, at) -> {
                    throw new AssertionError("no includes expected");
                },
                VariableLookup.of(environment), problems);
        return new ParsedText(parser.parseDocument(), problems);
    }

    /** The syntax error the text must produce, as {@code file:line: message}. */
    static String syntaxError(String text) {
        ConfigParser parser = new ConfigParser(new TextCursor(text, FILE, 1),
                (name, at) -> Map.of(), VariableLookup.of(Map.of()), new ArrayList<>());
        try {
            parser.parseDocument();
        } catch (ConfigSyntaxException e) {
            return e.problem();
        }
        throw new AssertionError("expected a syntax error in: " + text);
    }

    /** The root as plain values: String, Long, Double, Boolean, Instant, List, Map. */
    Map<String, Object> plain() {
        return plainMap(root);
    }

    Object get(String key) {
        return plain().get(key);
    }

    ConfigEntry entry(String key) {
        return root.get(key);
    }

    static Object plain(ConfigValue value) {
        return switch (value) {
            case StringValue v -> v.value();
            case IntegerValue v -> v.value();
            case FloatValue v -> v.value();
            case BooleanValue v -> v.value();
            case DateValue v -> v.value();
            case ListValue v -> v.values().stream().map(ParsedText::plain).toList();
            case MapValue v -> plainMap(v);
        };
    }

    static Map<String, Object> plainMap(MapValue map) {
        Map<String, Object> plain = new LinkedHashMap<>();
        map.entries().forEach((key, entry) -> plain.put(key, plain(entry.value())));
        return plain;
    }
}
