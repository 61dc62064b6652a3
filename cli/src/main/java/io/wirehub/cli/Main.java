package io.wirehub.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code wirehub} command. Exit codes are decided in {@link ExitCodes}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // First, before the command line framework loads: see EarlyBind for why.
        EarlyBind.bindIfServing(args);
        int code = run(args, Console.system());
        System.exit(code);
    }

    /** Runs one command line with the given text output streams and no input; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, new Console(InputStream.nullInputStream(), new WriterOutputStream(out), out, err, false));
    }

    /** Runs one command line with the given console; returns the exit code. */
    public static int run(String[] args, Console console) {
        PrintWriter out = console.text();
        PrintWriter err = console.err();
        // `serve` runs on a short class path without the client libraries (see the launcher), so
        // it is parsed on its own rather than through the whole command tree.
        boolean serve = args.length > 0 && args[0].equals("serve");
        CommandLine.IFactory factory = new ConsoleFactory(console);
        CommandLine commandLine = serve
                ? new CommandLine(new ServeCommand(), factory).setCommandName("wirehub serve")
                : new CommandLine(WirehubCommand.class, factory);
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

    /** Creates commands as picocli does, handing each that asks for it this run's console. */
    private record ConsoleFactory(Console console) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K created = CommandLine.defaultFactory().create(type);
            if (created instanceof Console.User user) {
                user.console(console);
            }
            return created;
        }
    }
}
