package io.wirehub.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code wirehub} command. Exit codes are decided in {@link ExitCodes}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // First, before the command line framework loads: see EarlyBind for why.
        EarlyBind.bindIfServing(args);
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // `serve` runs on a short class path without the client libraries (see the launcher), so
        // it is parsed on its own rather than through the whole command tree.
        boolean serve = args.length > 0 && args[0].equals("serve");
        CommandLine commandLine = serve
                ? new CommandLine(new ServeCommand()).setCommandName("wirehub serve")
                : new CommandLine(new WirehubCommand());
        if (serve) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(ExitCodes::onBadArguments);
        commandLine.setExecutionExceptionHandler(ExitCodes::onFailure);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine.execute(args);
    }
}
