package io.wirehub.cli.bench;

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

/** {@code wirehub bench connect}: connection set-up time (until jnats is CONNECTED), with percentiles. */
@Command(name = "connect", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Connect and close --msgs times from --clients threads; reports connects per second and"
                + " set-up latency.")
public final class BenchConnectCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private BenchOptions options;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        BenchRun run = new BenchRun(connection, options, console);
        Recorder latencies = new Recorder(3);
        List<BenchRun.Client> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            int index = i;
            long count = BenchRun.share(options.msgs(), options.clients(), i);
            clients.add(() -> Loads.connect(run.jnats(), index + 1, count, latencies, run.progress));
        }
        List<ClientRate> rates = run.runAll(clients, options.msgs());
        run.report(new BenchResult("connect", "-", 0, rates, latencies.getIntervalHistogram()));
        return ExitCodes.OK;
    }
}
