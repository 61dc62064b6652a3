package io.wirehub.cli.bench;

import io.wirehub.cli.WirehubCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wirehub bench pub|sub|pubsub|req|connect}: throughput and latency, like {@code nats bench}. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Measure a server: publish, subscribe, both, request-reply or connect rates and latencies.",
        subcommands = {BenchPubCommand.class, BenchSubCommand.class, BenchPubSubCommand.class, BenchReqCommand.class,
                BenchConnectCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
