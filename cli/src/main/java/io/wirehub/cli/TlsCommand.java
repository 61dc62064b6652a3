package io.wirehub.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wirehub tls ...}: certificates for trying TLS. */
@Command(name = "tls", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "TLS tools.", subcommands = {TlsInitCommand.class})
public final class TlsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
