package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ScalarReader.Literal;
import io.wirehub.server.config.ScalarReader.Scalar;
import io.wirehub.server.config.ScalarReader.VariableReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the structure of one config text in the NATS format into a {@link MapValue}: entries
 * ({@code key: value}, {@code key = value} or {@code key value}), maps (the separator before a
 * {@code {} may be left out), lists, comments, {@code include} and {@code $variable}s.
 *
 * <p>Syntax errors throw {@link ConfigSyntaxException} and end the parse; the entries completed
 * before the error stay available from {@link #parsedEntries()}. Problems that leave the text
 * readable (a missing variable, an include that fails) are added to the problem list and parsing
 * goes on, so one run reports them all.
 */
final class ConfigParser {

    /** Reads an included file and returns its top-level entries (none when it failed). */
    @FunctionalInterface
    interface IncludeLoader {
        Map<String, ConfigEntry> load(String name, SourcePosition includedAt);
    }

    private static final int MAX_NESTING = 128;
    /** An environment variable may refer to another; this bounds a chain (or a loop) of them. */
    private static final int MAX_ENVIRONMENT_NESTING = 10;
    private static final String INCLUDE = "include";

    private final TextCursor in;
    private final ScalarReader scalars;
    private final IncludeLoader includes;
    private final VariableLookup environment;
    private final int environmentNesting;
    private final List<String> problems;
    private final Map<String, ConfigEntry> root = new LinkedHashMap<>();
    /** Maps being filled, innermost first: a variable refers to an earlier key of one of them. */
    private final Deque<Map<String, ConfigEntry>> scopes = new ArrayDeque<>();
    private int nesting;

    ConfigParser(TextCursor in, IncludeLoader includes, VariableLookup environment, List<String> problems) {
        this(in, includes, environment, 0, problems);
    }

    private ConfigParser(TextCursor in, IncludeLoader includes, VariableLookup environment,
            int environmentNesting, List<String> problems) {
        this.in = in;
        this.scalars = new ScalarReader(in);
        this.includes = includes;
        this.environment = environment;
        this.environmentNesting = environmentNesting;
        this.problems = problems;
    }

    /** Parses the whole text. The file may also be wrapped in {@code { }}, JSON style. */
    MapValue parseDocument() {
        SourcePosition start = in.position();
        scopes.push(root);
        Deque<SourcePosition> openBlocks = new ArrayDeque<>();
        while (true) {
            in.skipWhitespaceAndComments();
            int c = in.peek();
            if (c == TextCursor.END) {
                if (!openBlocks.isEmpty()) {
                    throw new ConfigSyntaxException(openBlocks.peek(), "'{' is not closed");
                }
                return new MapValue(root, start);
            } else if (c == '{') {
                openBlocks.push(in.position());
                in.next();
            } else if (c == '}') {
                closeTopLevelBlock(openBlocks);
            } else {
                String key = entry(root, false);
                try {
                    topLevelValueEnd(key, !openBlocks.isEmpty());
                } catch (ConfigSyntaxException e) {
                    // What follows the value makes the value itself doubtful ("[::]:4222" read
                    // as a list), so it must not be bound and reported a second time.
                    root.remove(key);
                    throw e;
                }
            }
        }
    }

    /** The entries completed so far; after a syntax error, everything before it. */
    Map<String, ConfigEntry> parsedEntries() {
        return new LinkedHashMap<>(root);
    }

    private void closeTopLevelBlock(Deque<SourcePosition> openBlocks) {
        SourcePosition at = in.position();
        in.next();
        if (!openBlocks.isEmpty()) {
            openBlocks.pop();
            return;
        }
        // nats-server accepts stray closing braces at the very end (JSON-like files); nowhere else.
        in.skipWhitespaceAndComments();
        if (!in.atEnd() && in.peek() != '}') {
            throw new ConfigSyntaxException(at, "unexpected '}' with no '{' open");
        }
    }

    /** One entry or include; returns the key, for messages about what follows it. */
    private String entry(Map<String, ConfigEntry> target, boolean inMap) {
        SourcePosition at = in.position();
        if (atIncludeKeyword()) {
            include(target);
            return INCLUDE;
        }
        String key = key();
        in.skipWhitespace();
        if (in.peek() == ':' || in.peek() == '=') {
            in.next();
            // At the top level the value must start on the key's line; inside a map it need not.
            if (inMap) {
                in.skipWhitespace();
            } else {
                in.skipBlanks();
            }
        }
        ConfigValue value = entryValue(key, at);
        if (value != null) {
            target.remove(key); // a key written again counts where it was written last
            target.put(key, new ConfigEntry(key, at, value));
        }
        return key;
    }

    private String key() {
        int c = in.peek();
        if (c == ':' || c == '=') {
            throw in.error("expected a key but found " + TextCursor.show(c));
        }
        if (c == '"' || c == '\'') {
            return quotedKey();
        }
        StringBuilder key = new StringBuilder();
        while (!in.atEnd() && !TextCursor.isWhitespace(in.peek()) && in.peek() != ':' && in.peek() != '=') {
            key.append((char) in.next());
        }
        return key.toString();
    }

    private String quotedKey() {
        SourcePosition at = in.position();
        int quote = in.next();
        StringBuilder key = new StringBuilder();
        while (in.peek() != quote) {
            if (in.atEnd()) {
                throw new ConfigSyntaxException(at, "key opened with " + (char) quote + " is not closed");
            }
            key.append((char) in.next());
        }
        in.next();
        return key.toString();
    }

    private ConfigValue entryValue(String key, SourcePosition keyAt) {
        int c = in.peek();
        if (c == TextCursor.END || c == '}' || c == ']' || c == ',' || c == ';') {
            throw new ConfigSyntaxException(keyAt, "key \"" + key + "\" has no value");
        }
        if (TextCursor.isLineBreak(c)) {
            throw in.error("expected a value for \"" + key + "\" on the same line as its ':' or '='");
        }
        return value();
    }

    /** A value of any kind; null when it was a variable that could not be resolved. */
    private ConfigValue value() {
        int c = in.peek();
        if (c == '{') {
            return map();
        }
        if (c == '[') {
            return list();
        }
        if (c == '.') {
            throw in.error("a float must start with a digit, not '.'");
        }
        Scalar scalar = scalars.read();
        return switch (scalar) {
            case Literal literal -> literal.value();
            case VariableReference reference -> resolve(reference);
        };
    }

    private MapValue map() {
        SourcePosition at = in.position();
        in.next();
        enterNesting(at);
        Map<String, ConfigEntry> entries = new LinkedHashMap<>();
        scopes.push(entries);
        try {
            while (true) {
                in.skipWhitespaceAndComments();
                int c = in.peek();
                if (c == '}') {
                    in.next();
                    return new MapValue(entries, at);
                } else if (c == TextCursor.END) {
                    throw new ConfigSyntaxException(at, "map opened with '{' is not closed");
                } else if (c == ']') {
                    throw in.error("unexpected ']' in a map");
                }
                String key = entry(entries, true);
                mapValueEnd(key);
            }
        } finally {
            scopes.pop();
            nesting--;
        }
    }

    private ListValue list() {
        SourcePosition at = in.position();
        in.next();
        enterNesting(at);
        List<ConfigValue> values = new ArrayList<>();
        try {
            while (true) {
                in.skipWhitespaceAndComments();
                int c = in.peek();
                if (c == ']') {
                    in.next();
                    return new ListValue(values, at);
                } else if (c == TextCursor.END) {
                    throw new ConfigSyntaxException(at, "list opened with '[' is not closed");
                } else if (c == ',') {
                    throw in.error("unexpected ',' in a list: expected a value");
                }
                ConfigValue value = value();
                if (value != null) {
                    values.add(value);
                }
                listValueEnd();
            }
        } finally {
            nesting--;
        }
    }

    private void enterNesting(SourcePosition at) {
        if (++nesting > MAX_NESTING) {
            throw new ConfigSyntaxException(at, "maps and lists nest deeper than " + MAX_NESTING + " levels");
        }
    }

    /** After a top-level value: a line break, ';', ',', a comment or the end of the file. */
    private void topLevelValueEnd(String key, boolean inBlock) {
        int c = skipBlanksAndComment();
        if (c == TextCursor.END) {
            return;
        }
        if (TextCursor.isLineBreak(c) || c == ';' || c == ',') {
            in.next();
        } else if (c == '}') {
            if (!inBlock) {
                in.next(); // nats-server ignores a '}' here when no block is open
            }
        } else {
            throw in.error("expected a new line, ';' or a comment after the value of \"" + key
                    + "\" but found " + TextCursor.show(c));
        }
    }

    private void mapValueEnd(String key) {
        int c = skipBlanksAndComment();
        if (TextCursor.isLineBreak(c) || c == ';' || c == ',') {
            in.next();
        } else if (c != '}' && c != TextCursor.END) {
            throw in.error("expected ',', ';', a new line or '}' after the value of \"" + key
                    + "\" but found " + TextCursor.show(c));
        }
    }

    private void listValueEnd() {
        int c = skipBlanksAndComment();
        if (TextCursor.isLineBreak(c) || c == ',') {
            in.next();
        } else if (c != ']' && c != TextCursor.END) {
            throw in.error("expected ',', a new line or ']' after a list value but found " + TextCursor.show(c));
        }
    }

    /** Skips blanks and a trailing comment; returns the character after them, not consumed. */
    private int skipBlanksAndComment() {
        in.skipBlanks();
        if (in.atComment()) {
            in.skipToEndOfLine();
        }
        return in.peek();
    }

    private boolean atIncludeKeyword() {
        for (int i = 0; i < INCLUDE.length(); i++) {
            if (Character.toLowerCase(in.peek(i)) != INCLUDE.charAt(i)) {
                return false;
            }
        }
        return TextCursor.isWhitespace(in.peek(INCLUDE.length()));
    }

    /** {@code include name}: the included file's top-level entries join the current map. */
    private void include(Map<String, ConfigEntry> target) {
        SourcePosition at = in.position();
        in.skip(INCLUDE.length());
        in.skipBlanks();
        String name = IncludeName.read(in);
        includes.load(name, at).forEach((key, entry) -> {
            target.remove(key);
            target.put(key, entry);
        });
    }

    /**
     * {@code $name}: the nearest earlier key of that name in this map or an enclosing one, else the
     * environment variable, whose text is read as a config value (so {@code PORT=4222} is a number).
     */
    private ConfigValue resolve(VariableReference reference) {
        for (Map<String, ConfigEntry> scope : scopes) {
            ConfigEntry entry = scope.get(reference.name());
            if (entry != null) {
                scope.put(entry.key(), entry.markReferenced());
                return entry.value().relocated(reference.position());
            }
        }
        Optional<String> text = environment.lookup(reference.name());
        if (text.isEmpty()) {
            problems.add(reference.position().problem("variable reference for '" + reference.name()
                    + "' can not be found"));
            return null;
        }
        return environmentValue(reference, text.get());
    }

    private ConfigValue environmentValue(VariableReference reference, String text) {
        String prefix = "variable reference for '" + reference.name() + "' could not be parsed: ";
        if (environmentNesting >= MAX_ENVIRONMENT_NESTING) {
            problems.add(reference.position().problem(prefix + "environment variables refer to each other too deeply"));
            return null;
        }
        SourcePosition at = reference.position();
        List<String> innerProblems = new ArrayList<>();
        IncludeLoader noIncludes = (name, includedAt) -> {
            throw new ConfigSyntaxException(includedAt, "include is not allowed in an environment variable");
        };
        ConfigParser parser = new ConfigParser(new TextCursor("value=" + text, at.file(), at.line()),
                noIncludes, environment, environmentNesting + 1, innerProblems);
        try {
            ConfigEntry entry = parser.parseDocument().get("value");
            problems.addAll(innerProblems);
            return entry == null ? null : entry.value().relocated(at);
        } catch (ConfigSyntaxException e) {
            problems.add(at.problem(prefix + e.getMessage()));
            return null;
        }
    }
}
