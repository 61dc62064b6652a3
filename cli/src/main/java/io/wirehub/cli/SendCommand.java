package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.ProgressBars;
import io.wirehub.cli.files.RelayCodeInput;
import io.wirehub.cli.files.RelayReport;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.RelayCode;
import io.wirehub.client.files.RelayManifest;
import io.wirehub.client.files.RelaySender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub send FILE|DIR...}: offers files and folders to one receiver through the server,
 * nothing stored there, encrypted end to end with a key both sides derive from a one-time code by
 * J-PAKE (croc and magic-wormhole style). A wrong code burns the code on both sides.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Send files and folders to another machine through the server; prints a one-time code for"
                + " `wirehub receive`.",
                "Encrypted end to end with a key derived from the code (J-PAKE); nothing is stored on the server."
                        + " The third wrong code burns the code and ends both sides (--tries to change).",
                "A code of your own comes from --code-file FILE or " + RelayCodeInput.VARIABLE
                        + ", never the command line."})
public final class SendCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files and folders to send (folders whole).")
    private List<Path> files;

    /** Only to refuse it with a clear message: a code on the command line is readable by other users. */
    @Option(names = "--code", paramLabel = "CODE", hidden = true)
    private String codeInArgv;

    @Option(names = "--code-file", paramLabel = "FILE",
            description = "Use the code on this file's first line rather than a new one.")
    private Path codeFile;

    @Option(names = "--tries", paramLabel = "N", defaultValue = "" + RelaySender.MAX_WRONG_CODES,
            description = "Wrong codes to allow before the code is burned (default ${DEFAULT-VALUE}; each one is a"
                    + " guess an attacker gets).")
    private int tries;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10m", converter = GoDurationConverter.class,
            description = "How long to wait for the receiver to finish (default ${DEFAULT-VALUE}).")
    private Duration wait;

    @Option(names = "--chunk-size", paramLabel = "BYTES", defaultValue = "262144",
            description = "Bytes per chunk (default ${DEFAULT-VALUE}); must fit the server's max_payload.")
    private int chunkSize;

    @Option(names = "--json", description = "Print the code, then the outcome, as one JSON object per line.")
    private boolean json;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        if (codeInArgv != null) {
            throw RelayCodeInput.refuseArgument("send");
        }
        if (tries < 1) {
            throw new UserFacingException("--tries must be at least 1");
        }
        Map<String, Path> offered;
        try {
            offered = RelayManifest.collect(files);
        } catch (IOException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        String code = RelayCodeInput.read(codeFile, System.getenv(), RelayCode::generate, console.err()::println);
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub send");
             RelaySender sender = new RelaySender(nc, offered, code, chunkSize, tries,
                     ProgressBars.forConsole(console, transfer.noProgress()))) {
            if (chunkSize < 1 || chunkSize + 64 > nc.getMaxPayload()) {
                throw new UserFacingException("--chunk-size must be between 1 and " + (nc.getMaxPayload() - 64)
                        + " (the server's max_payload, less room for the encryption)");
            }
            sender.onWrongCode(left -> console.err().println("A receiver used a wrong code (" + left
                    + (left == 1 ? " try" : " tries") + " left before the code is burned)"));
            RelayManifest manifest = sender.start();
            RelayReport.code(console, json, code);
            console.err().println("Offering " + manifest.entries().size() + " file(s), " + manifest.totalSize()
                    + " bytes. On the other machine run: wirehub receive"
                    + (connection.server().equals(ConnectionOptions.DEFAULT_URL) ? "" : " -s " + connection.server())
                    + "   and type the code (valid for " + wait.toSeconds() + " s)");
            RelaySender.Outcome outcome = sender.awaitDone(wait);
            if (outcome == null) {
                throw new UserFacingException("nobody received the files within " + wait.toSeconds()
                        + " s; nothing was sent");
            }
            switch (outcome) {
                case BURNED -> throw new UserFacingException("a receiver used a wrong code: the code is burned and"
                        + " nothing was sent; run send again for a new code");
                case DECLINED -> throw new UserFacingException(("declined".equals(sender.declineReason())
                        ? "the receiver declined" : "the receiver refused: " + sender.declineReason())
                        + "; nothing was sent");
                case DELIVERED -> {
                }
            }
            console.err().println("Sent " + manifest.entries().size() + " file(s) (" + manifest.totalSize()
                    + " bytes), verified by the receiver");
            RelayReport.files(console, json, "delivered", manifest, null);
        } catch (IOException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
