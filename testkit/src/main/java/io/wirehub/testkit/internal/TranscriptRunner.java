package io.wirehub.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Transcript} against a server and records, for every read step, what the server
 * did: the line it sent, {@code <closed>}, {@code <quiet>}, or {@code <timeout>}. INFO lines are
 * recorded as {@code INFO {…}} (their contents differ between servers by design).
 */
public final class TranscriptRunner {
    private static final Duration LINE_WAIT = Duration.ofSeconds(3);

    private TranscriptRunner() {
    }

    /** What happened at each read step, in order. */
    public record Result(List<String> events) {
    }

    public static Result run(Transcript transcript, String host, int port) {
        List<String> events = new ArrayList<>();
        try (RawClient client = RawClient.connect(host, port)) {
            for (Transcript.Step step : transcript.steps()) {
                if (!perform(client, step, events)) {
                    break;
                }
            }
        }
        return new Result(events);
    }

    /** Performs one step; false when the connection is gone and later steps cannot run. */
    private static boolean perform(RawClient client, Transcript.Step step, List<String> events) {
        switch (step.kind()) {
            case SEND -> sendQuietly(client, step.data(), false);
            case SEND_BYTE_BY_BYTE -> sendQuietly(client, step.data(), true);
            case LINE -> {
                String line = readLine(client);
                events.add(line);
                return !line.equals("<closed>");
            }
            case CLOSE -> {
                events.add(linesUntilClosed(client));
                return false;
            }
            case QUIET -> events.add(quiet(client, step.quietFor()));
        }
        return true;
    }

    private static void sendQuietly(RawClient client, String data, boolean byteByByte) {
        try {
            if (byteByByte) {
                client.sendInChunks(data, 1);
            } else {
                client.send(data);
            }
        } catch (java.io.UncheckedIOException e) {
            // The server may close while we write (that is what some transcripts provoke); the
            // next read step records the close.
        }
    }

    private static String readLine(RawClient client) {
        try {
            return normalise(client.readLine(LINE_WAIT));
        } catch (AssertionError e) {
            return client.isClosedByPeer() ? "<closed>" : "<timeout>";
        }
    }

    private static String linesUntilClosed(RawClient client) {
        try {
            String rest = client.expectClosed(LINE_WAIT);
            List<String> lines = new ArrayList<>();
            for (String line : rest.split("\r\n", -1)) {
                if (!line.isEmpty()) {
                    lines.add(normalise(line));
                }
            }
            return String.join("\n", lines);
        } catch (AssertionError e) {
            return "<still open>";
        }
    }

    private static String quiet(RawClient client, Duration wait) {
        try {
            client.expectNothing(wait);
            return "<quiet>";
        } catch (AssertionError e) {
            return client.isClosedByPeer() ? "<closed>" : "<not quiet> " + e.getMessage();
        }
    }

    private static String normalise(String line) {
        return line.startsWith("INFO {") ? "INFO {…}" : line;
    }

    /**
     * The events the transcript states, in the same shape as {@link Result#events()}; null for
     * reads that state nothing (any line is accepted there).
     */
    public static List<String> expectedEvents(Transcript transcript) {
        List<String> expected = new ArrayList<>();
        for (Transcript.Step step : transcript.steps()) {
            switch (step.kind()) {
                case LINE, CLOSE, QUIET -> expected.add(step.expected());
                default -> {
                    // Sends produce no event.
                }
            }
        }
        return expected;
    }
}
