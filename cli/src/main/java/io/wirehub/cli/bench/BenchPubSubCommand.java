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

/** {@code wirehub bench pubsub SUBJECT}: publishers and subscribers in one run; every message must arrive. */
@Command(name = "pubsub", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Publish from --clients and receive on --subs connections in one run; each subscriber gets"
                + " every message.")
public final class BenchPubSubCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private BenchOptions options;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to use.")
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
            List<BenchRun.Client> clients = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                int index = i;
                long count = BenchRun.share(options.msgs(), options.clients(), i);
                clients.add(() -> Loads.publish(run.jnats(), index + 1, subject, count, options.size(),
                        new java.util.concurrent.atomic.AtomicLong(), run.deadline()));
            }
            for (Loads.Subscriber subscriber : subscribers) {
                clients.add(() -> subscriber.await(run.deadline()));
            }
            run.report(new BenchResult("pubsub", subject, options.size(),
                    run.runAll(clients, options.msgs() * options.subs()), null));
        } finally {
            for (Loads.Subscriber subscriber : subscribers) {
                subscriber.close();
            }
        }
        return ExitCodes.OK;
    }
}
