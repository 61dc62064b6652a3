package io.wirehub.cli.bench;

import io.nats.client.Connection;
import io.wirehub.cli.ConnectionOptions;
import io.wirehub.cli.Console;
import io.wirehub.cli.ExitCodes;
import io.wirehub.cli.WirehubCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirehub bench req SUBJECT}: request-reply round trips, with latency percentiles. */
@Command(name = "req", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Send --msgs requests from --clients connections, one at a time each; responders are started"
                + " in the same run unless --no-reply (then `wirehub reply` or your service answers).")
public final class BenchReqCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private BenchOptions options;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to send requests to.")
    private String subject;

    @Option(names = "--responders", paramLabel = "N", defaultValue = "1",
            description = "Echo responders to start in this run (default ${DEFAULT-VALUE}).")
    private int responders;

    @Option(names = "--no-reply", description = "Start no responders: something else answers.")
    private boolean noReply;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        BenchRun run = new BenchRun(connection, options, console);
        List<Connection> started = noReply ? List.of() : Loads.responders(run.jnats(), Math.max(1, responders), subject);
        try {
            Recorder latencies = new Recorder(3);
            List<BenchRun.Client> clients = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                int index = i;
                long count = BenchRun.share(options.msgs(), options.clients(), i);
                clients.add(() -> Loads.request(run.jnats(), index + 1, subject, count, options.size(), latencies,
                        run.progress, connection.timeout()));
            }
            List<ClientRate> rates = run.runAll(clients, options.msgs());
            run.report(new BenchResult("req", subject, options.size(), rates, latencies.getIntervalHistogram()));
        } finally {
            for (Connection nc : started) {
                nc.close();
            }
        }
        return ExitCodes.OK;
    }
}
