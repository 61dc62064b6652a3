package io.wirehub.cli;

import io.wirehub.cli.check.CheckFormat;
import io.wirehub.cli.check.CheckReport;
import io.wirehub.cli.check.CheckResult;
import io.wirehub.cli.check.ConnectionCheck;
import io.wirehub.cli.check.ConnectionCheck.Thresholds;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wirehub server check [connection]}: the nats CLI's {@code server check connection} for
 * Nagios-style monitoring. Exit 0 OK, 1 warning, 2 critical, 3 unknown.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Check a server: connect time, PING round trip and a request round trip against thresholds.",
                "Exit status: 0 OK, 1 warning, 2 critical, 3 unknown."})
public final class ServerCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(arity = "0..1", paramLabel = "CHECK", defaultValue = "connection",
            description = "What to check: connection (the default).")
    private String check;

    @Option(names = "--connect-warn", paramLabel = "DURATION", defaultValue = "500ms",
            converter = GoDurationConverter.class, description = "Warning when connecting takes this long (default ${DEFAULT-VALUE}).")
    private Duration connectWarn;

    @Option(names = "--connect-critical", paramLabel = "DURATION", defaultValue = "1s",
            converter = GoDurationConverter.class, description = "Critical when connecting takes this long (default ${DEFAULT-VALUE}).")
    private Duration connectCritical;

    @Option(names = "--rtt-warn", paramLabel = "DURATION", defaultValue = "500ms",
            converter = GoDurationConverter.class, description = "Warning at this PING round trip (default ${DEFAULT-VALUE}).")
    private Duration rttWarn;

    @Option(names = "--rtt-critical", paramLabel = "DURATION", defaultValue = "1s",
            converter = GoDurationConverter.class, description = "Critical at this PING round trip (default ${DEFAULT-VALUE}).")
    private Duration rttCritical;

    @Option(names = "--req-warn", paramLabel = "DURATION", defaultValue = "500ms",
            converter = GoDurationConverter.class, description = "Warning at this request round trip (default ${DEFAULT-VALUE}).")
    private Duration requestWarn;

    @Option(names = "--req-critical", paramLabel = "DURATION", defaultValue = "1s",
            converter = GoDurationConverter.class, description = "Critical at this request round trip (default ${DEFAULT-VALUE}).")
    private Duration requestCritical;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "nagios",
            description = "nagios (default), json, prometheus or text.")
    private CheckFormat format;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "With --format prometheus: natscli's metric names and labels under this namespace"
                    + " (natscli's is nats_server_check); without it, wirehub_check_* names.")
    private String namespace;

    @Override
    public Integer call() {
        if (!check.equals("connection")) {
            spec.commandLine().getErr().println("wirehub: unknown check '" + check + "' (known: connection)");
            return ExitCodes.CHECK_UNKNOWN;
        }
        ConnectionCheck connectionCheck = new ConnectionCheck(new Thresholds(connectWarn, connectCritical),
                new Thresholds(rttWarn, rttCritical), new Thresholds(requestWarn, requestCritical));
        CheckResult result = connectionCheck.run(connection.jnats("wirehub server check").build(),
                connection.server(), connection.timeout());
        spec.commandLine().getOut().print(format == CheckFormat.PROMETHEUS && namespace != null
                ? CheckReport.prometheus(result, namespace) : CheckReport.render(result, format));
        spec.commandLine().getOut().flush();
        return result.status().exitCode();
    }
}
