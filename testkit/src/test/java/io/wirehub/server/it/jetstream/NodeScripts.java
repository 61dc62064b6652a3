package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.testkit.internal.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm clients' scripts in {@code src/test/node}, run with Node: each prints one JSON line of
 * what it saw. Without Node or nats.ws the test fails when the suite requires its tools
 * ({@code ./run-tests} installs them), else it is skipped.
 */
final class NodeScripts {
    private NodeScripts() {
    }

    /** Runs {@code script} with the server URL as its argument and returns its result line. */
    static JsonNode run(String script, String url) throws IOException, InterruptedException {
        Path node = TestTools.require("node", "/usr/bin/node", "/usr/local/bin/node");
        Path scripts = Path.of("src/test/node").toAbsolutePath();
        if (!Files.isDirectory(scripts.resolve("node_modules/nats.ws"))) {
            String message = "npm nats.ws is not installed in " + scripts + " (./run-tests installs it)";
            if (TestTools.required()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        Process process = new ProcessBuilder(node.toString(), script, url)
                .directory(scripts.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line: " + output)));
    }
}
