package io.wirehub.cli;

import io.wirehub.server.Version;
import io.wirehub.server.protocol.ServerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code wirehub}: the server and the client toolkit in one command. */
@Command(name = "wirehub",
        mixinStandardHelpOptions = true,
        versionProvider = WirehubCommand.VersionProvider.class,
        description = "A socket messaging server and toolkit that speaks the NATS client protocol.",
        subcommands = {ServeCommand.class, PubCommand.class, SubCommand.class, ReqCommand.class, ReplyCommand.class,
                PutCommand.class, GetCommand.class, LsCommand.class, RmCommand.class, SendCommand.class,
                ReceiveCommand.class, StreamCommand.class, ChatCommand.class, io.wirehub.cli.bench.BenchCommand.class,
                ServerCommand.class, AccountCommand.class, KvCommand.class, ObjectCommand.class, ConsumerCommand.class,
                TlsCommand.class})
public final class WirehubCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code wirehub --version}, {@code wirehub serve -v}. The first line is nats-server's own, for
     * the nats-server release whose behaviour Wirehub matches: client test suites run
     * {@code nats-server --version} and gate tests on the first line's {@code nats-server: vX.Y.Z}
     * (io.nats:jnats-server-runner reads only that line). Wirehub's own version follows.
     */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nats-server: v" + ServerInfo.PROTOCOL_VERSION,
                "wirehub " + Version.wirehub() + " (speaks the NATS client protocol as nats-server "
                        + ServerInfo.PROTOCOL_VERSION + ", Java " + Runtime.version() + ")"};
        }
    }
}
