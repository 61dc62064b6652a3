package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.ProgressBars;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.RelayCode;
import io.wirehub.client.files.RelayReceiver;
import io.wirehub.client.files.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirehub receive CODE}: gets the file a {@code wirehub send} offers, verified and resumable. */
@Command(name = "receive", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Receive a file that `wirehub send` offers, by its one-time code.",
                "Written to NAME.part and renamed only when its SHA-256 matches; run it again to resume."})
public final class ReceiveCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    @Parameters(index = "0", paramLabel = "CODE", description = "The code `wirehub send` printed.")
    private String code;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Where to save: a file, or a directory for the sender's file name (default: here).")
    private Path output;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        String checked;
        try {
            checked = RelayCode.check(code);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
        Path directory = output != null && Files.isDirectory(output) ? output : Path.of(".");
        Path file = output != null && !Files.isDirectory(output) ? output : null;
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub receive")) {
            RemoteFile received = new RelayReceiver(nc, transfer.window(), connection.timeout(),
                    ProgressBars.forConsole(console, transfer.noProgress())).receive(checked, directory, file);
            console.err().println("Received " + received.name() + " (" + received.size() + " bytes)");
            FileCommandSupport.printDigest(console, received.sha256());
        } catch (java.io.IOException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
