package io.wirehub.server.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where a {@code $NAME} that no enclosing key defines is looked up: the process environment in
 * production, a plain map in tests (so tests never touch the real environment).
 */
@FunctionalInterface
public interface VariableLookup {

    /** The text of the variable, or empty when it is not defined. */
    Optional<String> lookup(String name);

    /** The process environment, as nats-server uses it. */
    static VariableLookup environment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /** Exactly the given variables. */
    static VariableLookup of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
