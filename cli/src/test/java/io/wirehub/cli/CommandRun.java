package io.wirehub.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** One run of the command in-process with captured output (and, if given, stdin). */
record CommandRun(int exitCode, String out, String err, byte[] outBytes) {

    static CommandRun of(String... args) {
        return withInput(new byte[0], args);
    }

    static CommandRun withInput(String stdin, String... args) {
        return withInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static CommandRun withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintWriter text = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        Console console = new Console(new ByteArrayInputStream(stdin), out, text, new PrintWriter(err, true), false);
        int code = Main.run(args, console);
        text.flush();
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(), out.toByteArray());
    }

    /** Starts a run on its own thread (a subscriber, a responder) and returns at once. */
    static CompletableFuture<CommandRun> inBackground(String... args) {
        return CompletableFuture.supplyAsync(() -> of(args), runnable -> Thread.ofPlatform().daemon(true)
                .name("wirehub-command").start(runnable));
    }
}
