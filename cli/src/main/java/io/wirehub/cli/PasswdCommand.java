package io.wirehub.cli;

import io.wirehub.server.auth.Secrets;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wirehub server passwd}: prints a bcrypt hash of a password for the config file, as
 * {@code nats server passwd} does. From a terminal the password is read twice without echo;
 * otherwise one line is read from standard input.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Print a bcrypt hash of a password, for authorization { ... } in the config file.")
public final class PasswdCommand implements Callable<Integer> {
    /** Below this nats-server's bcrypt cost would be too cheap to slow a guesser down. */
    private static final int MIN_LENGTH = 8;

    @Spec
    private CommandSpec spec;

    @Option(names = "--pass", paramLabel = "PASSWORD",
            description = "The password (visible in the process list: prefer the prompt).")
    private String password;

    @Override
    public Integer call() throws IOException {
        char[] secret = password != null ? password.toCharArray() : read();
        try {
            if (secret.length < MIN_LENGTH) {
                throw new UserFacingException("the password must be at least " + MIN_LENGTH + " characters");
            }
            spec.commandLine().getOut().println(Secrets.hash(secret));
            return ExitCodes.OK;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console == null) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new UserFacingException("no password given on standard input");
            }
            return line.toCharArray();
        }
        char[] first = console.readPassword("Enter password: ");
        char[] again = console.readPassword("Reenter password: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new UserFacingException("the passwords do not match");
        }
        Arrays.fill(again, '\0');
        return first;
    }
}
