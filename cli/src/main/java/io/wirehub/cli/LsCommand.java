package io.wirehub.cli;

import io.nats.client.Connection;
import io.wirehub.cli.files.BucketOption;
import io.wirehub.cli.files.TransferOptions;
import io.wirehub.client.files.RemoteFile;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wirehub ls}: the objects in a bucket. */
@Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "List the objects in an Object Store bucket: name, size, modified time, SHA-256.")
public final class LsCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private BucketOption bucket;

    @picocli.CommandLine.Option(names = "--json", description = "Print the objects as a JSON array.")
    private boolean json;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        try (Connection nc = FileCommandSupport.connect(connection, "wirehub ls")) {
            List<RemoteFile> files = FileCommandSupport.files(nc, connection, new TransferOptions(), console,
                    bucket.bucket()).list();
            if (json) {
                var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                files.forEach(file -> array.add(FileCommandSupport.json(bucket.bucket(), file)));
                FileCommandSupport.printJson(console, array);
                return ExitCodes.OK;
            }
            for (RemoteFile file : files) {
                console.text().printf("%-40s %14d  %-24s  %s%n", file.name(), file.size(), file.modified(),
                        file.sha256());
            }
            console.text().flush();
            console.err().println(files.size() + (files.size() == 1 ? " file" : " files"));
        } catch (java.io.IOException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
