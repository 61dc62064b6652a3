package io.wirehub.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where something was written in a config file: the file as it was named (the path given on the
 * command line, or an include resolved against the including file) and the 1-based line.
 */
record SourcePosition(Path file, int line) {

    SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    /** A problem at this position, in the {@code file:line: message} form every config error uses. */
    String problem(String message) {
        return this + ": " + message;
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
