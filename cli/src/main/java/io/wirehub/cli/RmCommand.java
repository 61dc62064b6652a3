package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.BucketOption;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.ObjectFiles;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirehub rm NAME...}: deletes objects from a bucket. */
@Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Delete objects from an Object Store bucket (their chunks are purged).")
public final class RmCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private BucketOption bucket;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Names to delete.")
    private List<String> names;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        int failures = 0;
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub rm")) {
            ObjectFiles files = FileCommandSupport.files(nc, connection, new TransferOptions(), console, bucket.bucket());
            for (String name : names) {
                try {
                    files.delete(name);
                    console.err().println("Deleted " + name);
                } catch (java.io.IOException e) {
                    console.err().println("wirehub: " + name + ": " + e.getMessage());
                    failures++;
                }
            }
        }
        return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
