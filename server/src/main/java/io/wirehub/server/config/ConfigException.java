package io.wirehub.server.config;

import java.util.List;

/**
 * A configuration that cannot be used. Carries every problem found in one pass, each already
 * formatted (with {@code file:line} when it came from a file), so the user fixes them all at once.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Each problem on its own, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
