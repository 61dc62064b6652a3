package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.ProgressBars;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.RelayCode;
import io.wirehub.client.files.RelaySender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub send FILE}: offers a file to one receiver through the server, nothing stored
 * there (croc and magic-wormhole style). Prints a one-time code; {@code wirehub receive CODE}
 * on the other machine gets the file, verified and resumable.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Send a file to another machine through the server; prints a one-time code for `wirehub receive`.",
                "Nothing is stored on the server. The code is a rendezvous, not encryption: use tls:// across networks."})
public final class SendCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to send.")
    private Path file;

    @Option(names = "--code", paramLabel = "CODE", description = "Use this code rather than a new one (to resume a send).")
    private String code;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10m", converter = GoDurationConverter.class,
            description = "How long to wait for the receiver to finish (default ${DEFAULT-VALUE}).")
    private Duration wait;

    @Option(names = "--chunk-size", paramLabel = "BYTES", defaultValue = "262144",
            description = "Bytes per chunk (default ${DEFAULT-VALUE}); must fit the server's max_payload.")
    private int chunkSize;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException(file + ": no such file");
        }
        String oneTime;
        try {
            oneTime = code == null ? RelayCode.generate() : RelayCode.check(code);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub send");
             RelaySender sender = new RelaySender(nc, file, oneTime, chunkSize,
                     ProgressBars.forConsole(console, transfer.noProgress()))) {
            console.text().println(oneTime);
            console.text().flush();
            console.err().println("On the other machine: wirehub receive " + oneTime
                    + (connection.server().equals(ConnectionOptions.DEFAULT_URL) ? "" : " -s " + connection.server()));
            String sha256 = sender.start();
            if (!sender.awaitDone(wait)) {
                throw new UserFacingException("nobody received " + file.getFileName() + " within " + wait.toSeconds() + " s");
            }
            console.err().println("Sent " + file.getFileName() + " (" + Files.size(file) + " bytes), verified by the receiver");
            FileCommandSupport.printDigest(console, sha256);
        } catch (java.io.IOException e) {
            throw new UserFacingException(file.getFileName() + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
