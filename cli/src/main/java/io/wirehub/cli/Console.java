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
                stderrIsTerminal());
    }

    /**
     * Whether standard error goes to a terminal. Java 21 cannot ask about one stream, so on Linux
     * the descriptor's target says (a tty or pseudo-terminal); elsewhere, whether there is a console.
     */
    private static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** A command that reads or writes bytes gets the run's console before it is called. */
    public interface User {
        void console(Console console);
    }
}
