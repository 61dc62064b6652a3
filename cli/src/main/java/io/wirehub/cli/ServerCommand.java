package io.wirehub.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wirehub server ...}: tools for running a server. */
@Command(name = "server", mixinStandardHelpOptions = true,
        versionProvider = WirehubCommand.VersionProvider.class,
        description = "Server tools.",
        subcommands = {PasswdCommand.class, ServerCheckCommand.class, ServerInfoCommand.class, ServerPingCommand.class})
public final class ServerCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
