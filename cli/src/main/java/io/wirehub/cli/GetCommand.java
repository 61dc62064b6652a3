package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.BucketOption;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirehub get NAME [DEST]}: downloads an object into DEST.part, renamed once verified. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Download an object from an Object Store bucket (the server needs JetStream: serve -js).",
                "Written to DEST.part and renamed only when its SHA-256 matches; run it again to resume."})
public final class GetCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    @Mixin
    private BucketOption bucket;

    @Parameters(index = "0", paramLabel = "NAME", description = "Object name.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST",
            description = "File or directory (default: ./ and the name's last segment).")
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
        Path target = destination != null && !Files.isDirectory(destination) ? destination
                : (destination == null ? Path.of("") : destination).resolve(localName());
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub get")) {
            RemoteFile file = FileCommandSupport.files(nc, connection, transfer, console, bucket.bucket())
                    .get(name, target);
            console.err().println("Saved " + target + " (" + file.size() + " bytes)");
            if (json) {
                FileCommandSupport.printJson(console,
                        FileCommandSupport.json(bucket.bucket(), file).put("path", target.toString()));
            } else {
                FileCommandSupport.printDigest(console, file.sha256(), target.toString());
            }
        } catch (java.io.IOException e) {
            throw new UserFacingException(name + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }

    /** The name's last segment, as a plain file name here; a name that gives none needs a DEST. */
    private String localName() {
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..") || last.indexOf('\\') >= 0
                || last.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UserFacingException(name + ": not usable as a local file name; give a DEST file");
        }
        return last;
    }
}
