package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.cli.logging.LogSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@link ServeArguments} reads every serve flag as picocli does, and leaves picocli everything else. */
class ServeArgumentsTest {

    @Test
    void everyFlagNameIsReadAsPicocliReadsIt() {
        List<OptionSpec> options = new CommandLine(new ServeCommand()).getCommandSpec().options();
        int checked = 0;
        for (OptionSpec option : options) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            for (String name : option.names()) {
                assertThat(ServeArguments.option(name)).as("ServeArguments knows %s", name).isNotNull();
                if (option.arity().max() == 0) {
                    assertSameAsPicocli(name);
                } else {
                    String sample = sample(option.type());
                    assertSameAsPicocli(name, sample);
                    assertSameAsPicocli(name + "=" + sample);
                }
                checked++;
            }
        }
        assertThat(checked).as("names checked").isGreaterThan(50);
    }

    @Test
    void harnessCommandLinesAreReadWithoutPicocli() {
        assertSameAsPicocli("--config", "/tmp/nats_java_test1.conf", "--user", "u", "--pass", "$2a$11$abc", "-DV");
        assertSameAsPicocli("--config", "server.conf", "--auth", "s3cr3t");
        assertSameAsPicocli("-a", "127.0.0.1", "-p", "-1", "-m", "-1", "--ports_file_dir", "/tmp/x", "-P", "p.pid");
        assertSameAsPicocli("--port=4222", "-D", "--log-format", "JSON", "-V");
        assertSameAsPicocli("-p", "4222", "--tls", "--tlscert", "c.pem", "--tlskey", "k.pem", "--tlsverify");
        assertSameAsPicocli();
    }

    @Test
    void anythingUnusualIsLeftToPicocli() {
        List<String[]> unusual = List.of(
                new String[] {"--help"}, new String[] {"-h"}, new String[] {"-v"}, new String[] {"--version"},
                new String[] {"--bogus"}, new String[] {"-p"}, new String[] {"-p", "4222", "-p", "4223"},
                new String[] {"-p", "08"}, new String[] {"-p", "0x10"}, new String[] {"-p", "x"},
                new String[] {"--user", "--pass"}, new String[] {"-DD"}, new String[] {"-Dx"},
                new String[] {"--tls=true"}, new String[] {"--log-format", "yaml"}, new String[] {"serve"},
                new String[] {"--", "-p"}, new String[] {"-p4222"});
        for (String[] args : unusual) {
            assertThat(ServeArguments.read(args, new ServeCommand())).as(String.join(" ", args)).isFalse();
        }
    }

    private static String sample(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "4222";
        }
        if (type == Path.class) {
            return "dir/file.conf";
        }
        if (type == LogSettings.LogFormat.class) {
            return "json";
        }
        return "value";
    }

    /** Both readers take {@code args}, and leave every option with the same value. */
    private static void assertSameAsPicocli(String... args) {
        ServeCommand plain = new ServeCommand();
        assertThat(ServeArguments.read(args, plain)).as("read without picocli: %s", String.join(" ", args)).isTrue();
        ServeCommand parsed = new ServeCommand();
        CommandLine commandLine = new CommandLine(parsed).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.parseArgs(args);
        assertThat(values(plain)).as(String.join(" ", args)).isEqualTo(values(commandLine));
    }

    private static Map<String, Object> values(ServeCommand command) {
        return values(new CommandLine(command));
    }

    private static Map<String, Object> values(CommandLine commandLine) {
        Map<String, Object> values = new TreeMap<>();
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            Object value = option.getValue();
            values.put(option.longestName(), value == null ? "(unset)" : value);
        }
        return values;
    }
}
