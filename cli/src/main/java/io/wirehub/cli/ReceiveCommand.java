package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.ProgressBars;
import io.wirehub.cli.files.RelayCodeInput;
import io.wirehub.cli.files.RelayReport;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.RelayManifest;
import io.wirehub.client.files.RelayReceiver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub receive}: gets what a {@code wirehub send} offers, decrypted and verified. The
 * code comes from {@code --code-file}, {@code WIREHUB_RELAY_CODE}, a hidden prompt on a terminal,
 * or the first line of stdin, never from argv, which other local users can read in {@code ps}; as
 * croc does since v10 on Linux and macOS (it wants CROC_SECRET), a code on the command line is
 * refused. The files are listed, and written only once confirmed: on a terminal by a prompt,
 * otherwise by the next line of stdin or {@code --yes}.
 */
@Command(name = "receive", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Receive the files `wirehub send` offers, encrypted end to end with a key from the code.",
                "The code is asked for (or read from --code-file, " + RelayCodeInput.VARIABLE + " or stdin), never"
                        + " taken from the command line. Shows the files and asks before writing (--yes to skip).",
                "Existing files are kept unless --overwrite; a killed receive leaves PATH.part files and the next"
                        + " one resumes from them; a failed one removes them and writes nothing."})
public final class ReceiveCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    /** Only to refuse it with a clear message: a code on the command line is readable by other users. */
    @Parameters(arity = "0..1", paramLabel = "CODE", hidden = true)
    private String codeInArgv;

    @Option(names = "--code-file", paramLabel = "FILE", description = "Read the code from this file's first line.")
    private Path codeFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "The directory to write into (default: here); made when missing.")
    private Path output;

    @Option(names = {"-y", "--yes"}, description = "Write without asking.")
    private boolean yes;

    @Option(names = "--overwrite", description = "Replace files that already exist (by default the transfer is"
            + " refused and nothing is written).")
    private boolean overwrite;

    @Option(names = "--json", description = "Print the received files as a JSON object.")
    private boolean json;

    private Console console;
    /** Stdin as lines: the code (when no other source gave it), then the answer to the confirmation. */
    private BufferedReader stdin;
    /** Why the confirmation said no, when it was not the user's answer. */
    private String declinedBecause;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        if (codeInArgv != null) {
            throw RelayCodeInput.refuseArgument("receive");
        }
        stdin = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8));
        boolean interactive = console.terminal() && System.console() != null;
        String code = RelayCodeInput.read(codeFile, System.getenv(), () -> typed(interactive), console.err()::println);
        if (code == null) {
            throw new UserFacingException("no code: type it when asked, pipe it on stdin, use --code-file FILE,"
                    + " or set " + RelayCodeInput.VARIABLE);
        }
        Path directory = (output == null ? Path.of("") : output).toAbsolutePath().normalize();
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub receive")) {
            Optional<RelayManifest> received = new RelayReceiver(nc, transfer.window(), connection.timeout(),
                    ProgressBars.forConsole(console, transfer.noProgress())).overwrite(overwrite)
                    .receive(code, directory, offered -> confirm(offered, directory, interactive));
            if (received.isEmpty()) {
                throw new UserFacingException("declined" + (declinedBecause == null ? "" : ": " + declinedBecause)
                        + "; nothing was written");
            }
            RelayManifest manifest = received.get();
            console.err().println("Received " + manifest.entries().size() + " file(s), " + manifest.totalSize()
                    + " bytes, decrypted and verified, into " + directory);
            RelayReport.files(console, json, "received", manifest, directory.toString());
        } catch (IOException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }

    private String typed(boolean interactive) {
        if (interactive) {
            char[] typed = System.console().readPassword("Code (input hidden): ");
            return typed == null ? null : new String(typed);
        }
        return line();
    }

    private boolean confirm(RelayManifest offered, Path directory, boolean interactive) {
        RelayReport.offer(console, offered, directory.toString(),
                path -> Files.exists(directory.resolve(path), LinkOption.NOFOLLOW_LINKS));
        if (yes) {
            return true;
        }
        String answer = interactive ? System.console().readLine("Write them? [y/N] ") : line();
        if (answer == null) {
            // Declined rather than thrown, so that the sender hears it at once.
            declinedBecause = "no answer on stdin; run with --yes to accept without asking";
            return false;
        }
        return answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes");
    }

    private String line() {
        try {
            return stdin.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
