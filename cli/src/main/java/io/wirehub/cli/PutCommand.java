package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.BucketOption;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.ObjectFiles;
import io.wirehub.client.files.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirehub put FILE [NAME]}: uploads into an Object Store bucket, verified and resumable. */
@Command(name = "put", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Upload a file into an Object Store bucket (the server needs JetStream: serve -js).",
                "Any Object Store client reads it (nats object get, jnats ObjectStore.get); SHA-256 checked.",
                "Run it again to resume an interrupted upload from the last chunk stored."})
public final class PutCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TransferOptions transfer;

    @Mixin
    private BucketOption bucket;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload.")
    private Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Object name (default: FILE's name).")
    private String name;

    @Option(names = "--max-bytes", paramLabel = "SIZE",
            description = "The bucket's size limit when this put creates it (e.g. 10G; default none).")
    private String maxBytes;

    @Option(names = "--json", description = "Print the stored object as JSON instead of its SHA-256 line.")
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
        FileCommandSupport.checkName(storedName);
        long limit = maxBytes == null ? -1 : StoreCommandSupport.parseSize(maxBytes);
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub put")) {
            ObjectFiles files = FileCommandSupport.files(nc, connection, transfer, console, bucket.bucket());
            ObjectFiles.BucketUse use = files.ensureBucket(limit);
            if (use.created()) {
                console.err().println("Created bucket " + bucket.bucket()
                        + (use.maxBytes() > 0 ? " (max_bytes " + use.maxBytes() + ")" : ""));
            } else if (limit > 0 && limit != use.maxBytes()) {
                console.err().println("Note: bucket " + bucket.bucket() + " exists with max_bytes " + use.maxBytes()
                        + "; --max-bytes only applies when put creates the bucket");
            }
            RemoteFile stored = files.put(file, storedName, limit);
            console.err().println("Stored " + stored.name() + " in " + bucket.bucket() + " (" + stored.size() + " bytes)");
            if (json) {
                FileCommandSupport.printJson(console, FileCommandSupport.json(bucket.bucket(), stored));
            } else {
                FileCommandSupport.printDigest(console, stored.sha256(), file.toString());
            }
        } catch (java.io.IOException e) {
            throw new UserFacingException(storedName + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
