package io.wirehub.cli;

import io.wirehub.cli.logging.LogSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code wirehub serve}'s command line without picocli when it holds only serve's own flags
 * in their plain forms. Building picocli's model of {@link ServeCommand} (annotations, converters,
 * help sections) took ~150 ms of a cold JVM here, most of the time between process start and the
 * first INFO, and a harness's command line ({@code --config F}, {@code -p N}, {@code -a H},
 * {@code --user U --pass P}, {@code -DV}) needs none of it.
 *
 * <p>Anything else returns false, and picocli then reads the command line with its messages: help,
 * version, an unknown flag, a flag given twice, a missing value, a value that starts with '-' (it
 * might be a flag), a number or format picocli might read differently. ServeArgumentsTest runs
 * every flag through both readers and checks they agree.
 */
final class ServeArguments {
    /** Plain decimal ports only: picocli's converter reads some other forms (leading zeros) its own way. */
    private static final Pattern PLAIN_INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,9})");

    private ServeArguments() {
    }

    /**
     * Sets {@code command}'s options from {@code args} (the words after {@code serve}).
     *
     * @return false when picocli must read the command line instead; {@code command} is then
     *         half-set and must not be used
     */
    static boolean read(String[] args, ServeCommand command) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("-") && eq > 0 ? arg.substring(0, eq) : arg;
            String option = option(name);
            if (option == null) {
                if (eq < 0 && setCluster(arg, command, seen)) {
                    continue;
                }
                return false;
            }
            if (!seen.add(option)) {
                return false;
            }
            if (!takesValue(option)) {
                if (eq > 0) {
                    return false;
                }
                setFlag(option, command);
                continue;
            }
            String value;
            if (eq > 0 && name.length() < arg.length()) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return false;
            }
            if (value.startsWith("-") && !PLAIN_INTEGER.matcher(value).matches() || !setValue(option, value, command)) {
                return false;
            }
        }
        return true;
    }

    /** The option a name stands for (its first long name), or null for a name serve does not have here. */
    static String option(String name) {
        return switch (name) {
            case ServeFlags.ADDR_SHORT, ServeFlags.ADDR_LONG, ServeFlags.NET_LONG, ServeFlags.ADDR_GO,
                 ServeFlags.NET_GO -> "--addr";
            case ServeFlags.PORT_SHORT, ServeFlags.PORT_LONG, ServeFlags.PORT_GO -> "--port";
            case ServeFlags.CONFIG_SHORT, ServeFlags.CONFIG_LONG, ServeFlags.CONFIG_GO -> "--config";
            case "-n", "--name", "--server_name", "-name", "-server_name" -> "--name";
            case "-t" -> "-t";
            case "-P", "--pid", "-pid" -> "--pid";
            case "--ports_file_dir", "-ports_file_dir" -> "--ports_file_dir";
            case "-m", "--http_port", "-http_port" -> "--http_port";
            case "--unix" -> "--unix";
            case "--udp" -> "--udp";
            case "--store" -> "--store";
            case "-D", "--debug", "-debug" -> "--debug";
            case "-V", "--trace", "-trace" -> "--trace";
            case "-l", "--log", "-log" -> "--log";
            case "--log-format" -> "--log-format";
            case "--user", "-user" -> "--user";
            case "--pass", "-pass" -> "--pass";
            case "--auth", "-auth" -> "--auth";
            case "--tls", "-tls" -> "--tls";
            case "--tlscert", "-tlscert" -> "--tlscert";
            case "--tlskey", "-tlskey" -> "--tlskey";
            case "--tlscacert", "-tlscacert" -> "--tlscacert";
            case "--tlsverify", "-tlsverify" -> "--tlsverify";
            case "-js", "--jetstream", "-jetstream", "--js" -> "--jetstream";
            case "-sd", "--store_dir", "-store_dir", "--sd" -> "--store_dir";
            case "-sl", "--signal", "-signal" -> "--signal";
            default -> null;
        };
    }

    private static boolean takesValue(String option) {
        return switch (option) {
            case "-t", "--debug", "--trace", "--tls", "--tlsverify", "--jetstream" -> false;
            default -> true;
        };
    }

    /** {@code -DV}: single-letter switches written together, as picocli reads them. */
    private static boolean setCluster(String arg, ServeCommand command, Set<String> seen) {
        if (arg.length() < 3 || arg.charAt(0) != '-' || arg.charAt(1) == '-') {
            return false;
        }
        Set<String> cluster = new HashSet<>();
        for (int i = 1; i < arg.length(); i++) {
            String option = option("-" + arg.charAt(i));
            if (option == null || takesValue(option) || seen.contains(option) || !cluster.add(option)) {
                return false;
            }
        }
        for (String option : cluster) {
            seen.add(option);
            setFlag(option, command);
        }
        return true;
    }

    private static void setFlag(String option, ServeCommand command) {
        switch (option) {
            case "-t" -> command.testConfig = true;
            case "--debug" -> command.debug = true;
            case "--trace" -> command.trace = true;
            case "--tls" -> command.tls = true;
            case "--tlsverify" -> command.tlsVerify = true;
            case "--jetstream" -> command.jetstream = true;
            default -> throw new IllegalArgumentException("not a switch: " + option);
        }
    }

    /** Returns false for a value picocli would refuse or might read otherwise. */
    private static boolean setValue(String option, String value, ServeCommand command) {
        try {
            switch (option) {
                case "--addr" -> command.host = value;
                case "--port" -> {
                    if (!PLAIN_INTEGER.matcher(value).matches()) {
                        return false;
                    }
                    command.port = Integer.parseInt(value);
                }
                case "--config" -> command.configFile = Path.of(value);
                case "--name" -> command.name = value;
                case "--pid" -> command.pidFile = Path.of(value);
                case "--ports_file_dir" -> command.portsFileDir = Path.of(value);
                case "--http_port" -> command.monitoring = value;
                case "--unix" -> command.unixSocket = Path.of(value);
                case "--udp" -> command.udp = value;
                case "--store" -> command.store = Path.of(value);
                case "--store_dir" -> command.storeDir = Path.of(value);
                case "--log" -> command.logFile = Path.of(value);
                case "--log-format" -> {
                    command.logFormat = logFormat(value);
                    return command.logFormat != null;
                }
                case "--user" -> command.user = value;
                case "--pass" -> command.password = value;
                case "--auth" -> command.token = value;
                case "--tlscert" -> command.tlsCert = Path.of(value);
                case "--tlskey" -> command.tlsKey = Path.of(value);
                case "--tlscacert" -> command.tlsCaCert = Path.of(value);
                case "--signal" -> command.signal = value;
                default -> throw new IllegalArgumentException("not an option with a value: " + option);
            }
            return true;
        } catch (NumberFormatException | InvalidPathException e) {
            return false;
        }
    }

    private static LogSettings.LogFormat logFormat(String value) {
        for (LogSettings.LogFormat format : LogSettings.LogFormat.values()) {
            if (format.name().equalsIgnoreCase(value)) {
                return format;
            }
        }
        return null;
    }
}
