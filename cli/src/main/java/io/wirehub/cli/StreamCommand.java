package io.wirehub.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code wirehub stream ...}: JetStream streams as {@code nats stream} manages them (add, ls, info,
 * rm, purge, view), and beside them Wirehub's own ordered byte stream ({@code pub}, {@code sub}),
 * which natscli has no verb for, so the names cannot clash.
 */
@Command(name = "stream", aliases = "str", mixinStandardHelpOptions = true,
        versionProvider = WirehubCommand.VersionProvider.class,
        description = {"JetStream stream management, as `nats stream` (add, ls, info, rm, purge, view); and a byte"
                + " stream carried in order with flow control (pub, sub): a slow reader slows the writer; nothing is"
                + " lost silently.",
                "  wirehub stream add ORDERS --subjects 'ORDERS.*'",
                "  wirehub stream sub SUBJECT > output   (start first)",
                "  wirehub stream pub SUBJECT < input"},
        subcommands = {StreamAddCommand.class, StreamJsVerbs.Ls.class, StreamJsVerbs.Info.class, StreamJsVerbs.Rm.class,
                StreamJsVerbs.Purge.class, StreamViewCommand.class, StreamPubCommand.class, StreamSubCommand.class})
public final class StreamCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
