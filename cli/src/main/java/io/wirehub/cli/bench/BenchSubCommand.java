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

/** {@code wirehub bench sub SUBJECT}: subscribers only, each waiting for --msgs messages someone else publishes. */
@Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Receive --msgs messages on each of --subs connections (publish them with `bench pub`).")
public final class BenchSubCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private BenchOptions options;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to subscribe to.")
    private String subject;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        BenchRun run = new BenchRun(connection, options, console);
        List<Loads.Subscriber> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < options.subs(); i++) {
                subscribers.add(new Loads.Subscriber(run.jnats(), i + 1, subject, options.msgs(), run.progress));
            }
            console.err().println("Waiting for " + options.msgs() + " messages on \"" + subject + "\" on each of "
                    + options.subs() + " subscribers");
            List<BenchRun.Client> clients = new ArrayList<>();
            for (Loads.Subscriber subscriber : subscribers) {
                clients.add(() -> subscriber.await(run.deadline()));
            }
            run.report(new BenchResult("sub", subject, options.size(),
                    run.runAll(clients, options.msgs() * options.subs()), null));
        } finally {
            for (Loads.Subscriber subscriber : subscribers) {
                subscriber.close();
            }
        }
        return ExitCodes.OK;
    }
}
