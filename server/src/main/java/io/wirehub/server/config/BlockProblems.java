package io.wirehub.server.config;

import java.util.List;

/**
 * Problems found inside a block ({@code authorization {}}, {@code limits {}}), each already
 * formatted with its own {@code file:line}: a block can hold several, and each must point at the
 * line it is about, not at the block's key.
 */
final class BlockProblems extends InvalidValueException {
    private final List<String> problems;

    BlockProblems(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
