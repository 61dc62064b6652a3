package io.wirehub.cli;

import io.wirehub.server.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every exit code of the command in one place. Failures print {@code wirehub: <reason>} on
 * standard error, one line per problem, as nats-server users expect.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** {@code server check} could not check (bad arguments): Nagios's UNKNOWN. */
    public static final int CHECK_UNKNOWN = 3;

    private ExitCodes() {
    }

    static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        commandLine.getErr().println("wirehub: " + e.getMessage());
        commandLine.getErr().println("wirehub: see '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
        // A monitoring system reads a check's exit code: a misconfigured check is UNKNOWN, not WARNING.
        return commandLine.getCommand() instanceof ServerCheckCommand ? CHECK_UNKNOWN : FAILURE;
    }

    static int onFailure(Exception e, CommandLine commandLine, ParseResult parseResult) {
        return onFailure(e, commandLine.getErr(),
                commandLine.getCommand() instanceof ServerCheckCommand ? CHECK_UNKNOWN : FAILURE);
    }

    /** Prints why a command failed and returns {@code code}. */
    static int onFailure(Exception e, PrintWriter err, int code) {
        if (e instanceof ConfigException config) {
            for (String problem : config.problems()) {
                err.println("wirehub: " + problem);
            }
        } else if (e instanceof UserFacingException user) {
            err.println("wirehub: " + user.getMessage());
        } else {
            err.println("wirehub: " + e);
            e.printStackTrace(err);
        }
        return code;
    }
}
