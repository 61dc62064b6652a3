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

/** {@code wirehub put FILE [NAME]}: uploads to the server's file store, verified and resumable. */
@Command(name = "put", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Upload a file to the server's store (serve --store DIR).",
                "Verified chunk by chunk and as a whole (SHA-256); run it again to resume an interrupted upload."})
public final class PutCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload.")
    private Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Name in the store (default: FILE's name).")
    private String name;

    @picocli.CommandLine.Option(names = "--json", description = "Print the stored file as JSON instead of its SHA-256 line.")
    private boolean json;

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
        String storedName = name != null ? name : file.getFileName().toString();
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub put")) {
            RemoteFile stored = FileCommandSupport.client(nc, connection, transfer, console).upload(file, storedName);
            console.err().println("Stored " + stored.name() + " (" + stored.size() + " bytes)");
            if (json) {
                FileCommandSupport.printJson(console, FileCommandSupport.json(stored));
            } else {
                FileCommandSupport.printDigest(console, stored.sha256());
            }
        } catch (java.io.IOException e) {
            throw new UserFacingException(storedName + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
