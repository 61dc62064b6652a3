package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same stream and consumer commands against nats-server 2.9.10 and Wirehub: the views printed
 * must be the same, line for line, once times are masked. So what the commands show is what the
 * servers say, and Wirehub says what nats-server says.
 */
class JsCommandsSideBySideTest {

    /** The outputs of one script of commands against the server at url. */
    private static List<String> script(String url) throws Exception {
        try (Connection nc = Nats.connect(url)) {
            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("ORDERS").subjects("ORDERS.*")
                    .build());
            for (int i = 1; i <= 3; i++) {
                nc.jetStream().publish("ORDERS.new", ("order " + i).getBytes());
            }
        }
        List<String> outputs = new ArrayList<>();
        for (String[] command : new String[][] {
                {"consumer", "add", "ORDERS", "C1", "--pull", "--max-deliver", "5", "--defaults"},
                // Not --deliver last: 2.9.10 shows the start as delivered there, 2.10 (and Wirehub) do not.
                {"consumer", "add", "ORDERS", "P1", "--target", "p1.deliver", "--ack", "explicit", "--deliver", "2",
                        "--defaults"},
                {"consumer", "next", "ORDERS", "C1", "--count", "2"},
                {"consumer", "info", "ORDERS", "C1"},
                {"consumer", "ls", "ORDERS", "-n"},
                {"consumer", "ls", "ORDERS"},
                {"stream", "add", "OTHER", "--subjects", "other.*", "--max-msgs-per-subject", "5", "--max-age", "1h",
                        "--defaults"},
                {"stream", "ls"},
                {"stream", "info", "ORDERS"},
                {"stream", "view", "ORDERS", "--id", "2"},
                {"stream", "purge", "ORDERS", "--keep", "1", "-f"},
                {"consumer", "rm", "ORDERS", "P1", "-f"},
                {"consumer", "info", "ORDERS", "P1"}}) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "-s";
            args[command.length + 1] = url;
            CommandRun run = CommandRun.of(args);
            outputs.add(String.join(" ", command) + " => exit " + run.exitCode() + "\n" + mask(run.out())
                    + mask(run.err()));
        }
        return outputs;
    }

    /** Times and clock readings differ from run to run; everything else must not. */
    private static String mask(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", "<time>")
                .replaceAll("\\[\\d\\d:\\d\\d:\\d\\d\\]", "[<clock>]")
                .replaceAll("(Last (delivery|Ack)): [^ ]+ ago", "$1: <age> ago")
                .replaceAll("│ [^│]*[0-9.]+(ms|s|µs) *│", "│ <age> │");
    }

    @Test
    void viewsAreTheSameAgainstNatsServerAndWirehub() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        List<String> theirs;
        try (NatsServerProcess nats = NatsServerProcess.start(null, false, List.of("-js", "-sd",
                Files.createTempDirectory("jscli-nats-").toString()))) {
            theirs = script(nats.url());
        }
        List<String> ours;
        try (Wirehub wirehub = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("jscli-wh-")))
                .build())) {
            ours = script(wirehub.clientUrl());
        }
        for (int i = 0; i < theirs.size(); i++) {
            assertThat(ours.get(i)).isEqualTo(theirs.get(i));
        }
    }
}
