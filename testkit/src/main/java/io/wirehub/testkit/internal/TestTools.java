package io.wirehub.testkit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs some tests need (nats-server, promtool, chromium). The README's test command
 * installs them; where it could not, a test that needs one is skipped. In CI
 * ({@code WIREHUB_REQUIRE_TEST_TOOLS=1}) a missing tool fails the test instead, so a broken
 * install can never pass as a green run.
 */
public final class TestTools {
    private TestTools() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("WIREHUB_REQUIRE_TEST_TOOLS"));
    }

    /** The first executable among {@code candidates}; skips or fails the test when there is none. */
    public static Path require(String name, String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        String message = name + " is not installed (looked at " + String.join(", ", candidates)
                + "); ./run-tests installs it";
        if (required()) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
