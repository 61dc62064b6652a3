package io.wirehub.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.VariableLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the config file reader: any text either loads or fails with a
 * {@link ConfigException} listing problems — never another exception, never a hang.
 */
class ConfigParserFuzzTest {
    private static final Path FILE = createFile();

    private static Path createFile() {
        try {
            Path dir = Files.createTempDirectory("wirehub-config-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("fuzz.conf");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyTextLoadsOrFailsWithConfigProblems(FuzzedDataProvider data) throws IOException {
        Files.write(FILE, data.consumeRemainingAsBytes());
        try {
            ConfigFileLoader.load(FILE, VariableLookup.of(Map.of("HOME", "/home/x"))).builder().build();
        } catch (ConfigException expected) {
            // Bad config, reported: what this target allows.
        }
    }
}
