package io.wirehub.cli;

import io.wirehub.cli.logging.WirehubLoggingProvider;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Entry point of the {@code wirehub} command. Exit codes are decided in {@link ExitCodes}. */
public final class Main {
    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private Main() {
    }

    public static void main(String[] args) {
        // The binding is known: spare SLF4J its search of every jar on the class path for one
        // (~20 ms of a cold start), and its note that it was told.
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, WirehubLoggingProvider.class.getName());
            System.setProperty(SLF4J_VERBOSITY, "WARN");
        }
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
        CommandLine.IFactory factory = new ConsoleFactory(console);
        CommandLine commandLine;
        if (args.length > 0 && args[0].equals("serve")) {
            // `serve` runs on a short class path without the client libraries (see the launcher),
            // so it is parsed on its own rather than through the whole command tree; a plain
            // command line without picocli at all (see ServeArguments for why).
            args = Arrays.copyOfRange(args, 1, args.length);
            ServeCommand plain = new ServeCommand();
            if (ServeArguments.read(args, plain)) {
                plain.console(console);
                return plain.callReporting();
            }
            commandLine = new CommandLine(new ServeCommand(), factory).setCommandName("wirehub serve");
        } else {
            commandLine = new CommandLine(WirehubCommand.class, factory);
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
