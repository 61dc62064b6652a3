package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.MapValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses a config file and the files it includes into one tree. An include is resolved against
 * the directory of the file that names it, and its entries join the map that holds the include.
 * Every problem is collected: a syntax error ends only the file it is in, and the rest goes on.
 */
final class ConfigFileParser {

    /** The tree (everything that could be read) and every problem found, in order. */
    record Result(MapValue root, List<String> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    private final VariableLookup environment;
    private final List<String> problems = new ArrayList<>();
    /** The files being parsed, innermost first, as real paths (to detect cycles) ... */
    private final Deque<Path> openFiles = new ArrayDeque<>();
    /** ... and as named, for messages. */
    private final Deque<Path> openFileNames = new ArrayDeque<>();

    private ConfigFileParser(VariableLookup environment) {
        this.environment = environment;
    }

    static Result parse(Path file, VariableLookup environment) {
        ConfigFileParser parser = new ConfigFileParser(environment);
        Map<String, ConfigEntry> entries = parser.parseFile(file, null);
        return new Result(new MapValue(entries, new SourcePosition(file, 1)), parser.problems);
    }

    private Map<String, ConfigEntry> parseFile(Path file, SourcePosition includedAt) {
        Path identity = identity(file);
        if (openFiles.contains(identity)) {
            problems.add(includedAt.problem("include cycle: " + cycle(file)));
            return Map.of();
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(includedAt == null
                    ? "cannot read config file " + file + ": " + reason(e)
                    : includedAt.problem("cannot read included file " + file + ": " + reason(e)));
            return Map.of();
        }
        openFiles.push(identity);
        openFileNames.push(file);
        ConfigParser parser = new ConfigParser(new TextCursor(text, file, 1), this::include, environment, problems);
        try {
            return parser.parseDocument().entries();
        } catch (ConfigSyntaxException e) {
            problems.add(e.problem() + (includedAt == null ? "" : " (included from " + includedAt + ")"));
            return parser.parsedEntries();
        } finally {
            openFiles.pop();
            openFileNames.pop();
        }
    }

    private Map<String, ConfigEntry> include(String name, SourcePosition includedAt) {
        // resolveSibling keeps an absolute name as it is, and a file named without a directory
        // resolves against the working directory, as nats-server does; like Go's filepath.Join,
        // "sub/../x.conf" is cleaned to "x.conf".
        Path file;
        try {
            file = includedAt.file().resolveSibling(name).normalize();
        } catch (InvalidPathException e) {
            problems.add(includedAt.problem("cannot include \"" + name + "\": " + e.getReason()));
            return Map.of();
        }
        return parseFile(file, includedAt);
    }

    /**
     * The file's real path, so that a cycle through a symbolic link is noticed too (its
     * path as written would grow without ever repeating).
     */
    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize(); // reading it will fail and say why
        }
    }

    /** "a.conf -> b.conf -> a.conf", outermost first. */
    private String cycle(Path repeated) {
        StringBuilder text = new StringBuilder();
        for (Iterator<Path> outermostFirst = openFileNames.descendingIterator(); outermostFirst.hasNext(); ) {
            text.append(outermostFirst.next()).append(" -> ");
        }
        return text.append(repeated).toString();
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
