package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirehub get NAME [DEST]}: downloads from the server's store into DEST.part, renamed once verified. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Download a file from the server's store.",
                "Written to DEST.part and renamed only when its SHA-256 matches; run it again to resume."})
public final class GetCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name in the store.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST", description = "File or directory (default: ./NAME).")
    private Path destination;

    @picocli.CommandLine.Option(names = "--json", description = "Print the file fetched as JSON instead of its SHA-256 line.")
    private boolean json;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        Path target = destination == null ? Path.of(name)
                : Files.isDirectory(destination) ? destination.resolve(name) : destination;
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub get")) {
            RemoteFile file = FileCommandSupport.client(nc, connection, transfer, console).download(name, target);
            console.err().println("Saved " + target + " (" + file.size() + " bytes)");
            if (json) {
                FileCommandSupport.printJson(console, FileCommandSupport.json(file).put("path", target.toString()));
            } else {
                FileCommandSupport.printDigest(console, file.sha256());
            }
        } catch (java.io.IOException e) {
            throw new UserFacingException(name + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
