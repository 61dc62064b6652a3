package io.wirehub.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wirehub stream pub|sub}: an ordered, flow-controlled byte stream through the server. */
@Command(name = "stream", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Carry a byte stream in order, with flow control: a slow reader slows the writer; nothing is lost"
                + " silently.", "  wirehub stream sub SUBJECT > output   (start first)",
                "  wirehub stream pub SUBJECT < input"},
        subcommands = {StreamPubCommand.class, StreamSubCommand.class})
public final class StreamCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
