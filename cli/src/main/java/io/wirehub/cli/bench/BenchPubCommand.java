package io.wirehub.cli.bench;

import io.wirehub.cli.ConnectionOptions;
import io.wirehub.cli.Console;
import io.wirehub.cli.ExitCodes;
import io.wirehub.cli.WirehubCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirehub bench pub SUBJECT}: publishers only. */
@Command(name = "pub", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Publish --msgs messages of --size bytes from --clients connections.")
public final class BenchPubCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private BenchOptions options;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to publish to.")
    private String subject;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        BenchRun run = new BenchRun(connection, options, console);
        List<BenchRun.Client> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            int index = i;
            long count = BenchRun.share(options.msgs(), options.clients(), i);
            clients.add(() -> Loads.publish(run.jnats(), index + 1, subject, count, options.size(), run.progress,
                    run.deadline()));
        }
        run.report(new BenchResult("pub", subject, options.size(), run.runAll(clients, options.msgs()), null));
        return ExitCodes.OK;
    }
}
