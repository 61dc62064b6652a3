package io.wirehub.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The standard streams of one command run: raw bytes in and out for verbs that carry data (a
 * message body from stdin, a byte stream to stdout), and the text writers picocli prints to.
 * Tests run commands in-process with their own streams, several at once, so a command takes its
 * streams from here rather than from {@code System}.
 *
 * @param terminal whether stderr is a terminal (progress bars only then)
 */
public record Console(InputStream in, OutputStream out, PrintWriter text, PrintWriter err, boolean terminal) {

    /** The process's own streams. */
    static Console system() {
        return new Console(System.in, System.out, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.console() != null);
    }

    /** A command that reads or writes bytes gets the run's console before it is called. */
    interface User {
        void console(Console console);
    }
}
