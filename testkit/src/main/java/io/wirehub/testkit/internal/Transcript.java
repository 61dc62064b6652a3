package io.wirehub.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted conversation with a server over one raw connection: what to send, and where to read
 * what comes back. Running it ({@link TranscriptRunner}) records what the server did at each read
 * step, so the same transcript run against nats-server and against Wirehub can be compared, and
 * checked against the replies written into it.
 *
 * @param name   what the transcript shows, for test reports
 * @param config a server config in the NATS format both servers start with, or null for defaults
 * @param steps  in order
 */
public record Transcript(String name, String config, List<Step> steps) {

    /** One step; reads record an {@link #expected} reply when the transcript states one. */
    public record Step(Kind kind, String data, Duration quietFor, String expected) {
    }

    public enum Kind {
        /** Send {@code data} in one write. */
        SEND,
        /** Send {@code data} one byte per write. */
        SEND_BYTE_BY_BYTE,
        /** Read one line (INFO lines are recorded as {@code INFO {…}}). */
        LINE,
        /** Read lines until the server closes; record them, then {@code <closed>}. */
        CLOSE,
        /** Expect nothing for {@code quietFor}; record {@code <quiet>} or what came. */
        QUIET
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds a transcript step by step. */
    public static final class Builder {
        private final String name;
        private String config;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Both servers start with this config (NATS format). */
        public Builder config(String configText) {
            this.config = configText;
            return this;
        }

        public Builder send(String data) {
            steps.add(new Step(Kind.SEND, data, null, null));
            return this;
        }

        public Builder sendByteByByte(String data) {
            steps.add(new Step(Kind.SEND_BYTE_BY_BYTE, data, null, null));
            return this;
        }

        /** The INFO every connection starts with. */
        public Builder info() {
            return line("INFO {…}");
        }

        /** Reads INFO and does the handshake a client library does (CONNECT + PING, PONG). */
        public Builder handshake() {
            return info().send("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,"
                    + "\"no_responders\":true,\"protocol\":1}\r\nPING\r\n").line("PONG");
        }

        /** Reads a line that must be exactly {@code expected}. */
        public Builder line(String expected) {
            steps.add(new Step(Kind.LINE, null, null, expected));
            return this;
        }

        /** Reads a line and records it, without stating what it must be. */
        public Builder anyLine() {
            return line(null);
        }

        /** Expects the server to close, after exactly these lines (none when empty). */
        public Builder closed(String... linesBefore) {
            steps.add(new Step(Kind.CLOSE, null, null, String.join("\n", linesBefore)));
            return this;
        }

        /** Expects nothing from the server for a short while. */
        public Builder quiet() {
            return quiet(Duration.ofMillis(150));
        }

        public Builder quiet(Duration wait) {
            steps.add(new Step(Kind.QUIET, null, wait, "<quiet>"));
            return this;
        }

        public Transcript build() {
            return new Transcript(name, config, List.copyOf(steps));
        }
    }
}
