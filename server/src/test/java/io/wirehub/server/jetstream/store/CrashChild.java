package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs {@link CrashAppender} as a child JVM on a store and kills it with SIGKILL a chosen time
 * after its first acknowledged append, handing each acknowledgement line it printed whole
 * ({@code ok ...;}, without "ok " and ";") to the caller.
 */
final class CrashChild {
    private CrashChild() {
    }

    static void runAndKill(Path dir, int delayMillis, Consumer<String> onAck, String... mode)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), CrashAppender.class.getName(), dir.toString()));
        command.addAll(List.of(mode));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicBoolean acked = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().daemon().start(() -> read(child, line -> {
            onAck.accept(line);
            acked.set(true);
        }));
        try {
            long firstDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!acked.get() && child.isAlive() && System.nanoTime() < firstDeadline) {
                Thread.sleep(2); // polling for the first acknowledgement, with a deadline
            }
            assertThat(acked.get()).as("the child acknowledged something (alive: %s)", child.isAlive()).isTrue();
            Thread.sleep(delayMillis); // the random moment of the crash, not synchronisation
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static void read(Process child, Consumer<String> onAck) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // A line cut by the kill has no ";": it was not (wholly) printed, so it proves nothing.
                if (line.startsWith("ok ") && line.endsWith(";")) {
                    onAck.accept(line.substring(3, line.length() - 1));
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child dies.
        }
    }
}
