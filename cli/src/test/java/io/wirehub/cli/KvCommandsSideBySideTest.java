package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The kv verbs that write against a revision ({@code create}, {@code update}, {@code revert},
 * {@code compact}) against nats-server 2.9.10 and Wirehub: output and exit codes must be the same,
 * line for line, once times are masked, failures included (a key that exists, a stale revision).
 */
class KvCommandsSideBySideTest {

    private static List<String> script(String url) {
        List<String> outputs = new ArrayList<>();
        for (String[] command : new String[][] {
                {"kv", "add", "cfg", "--history", "5"},
                {"kv", "create", "cfg", "k", "one"},
                {"kv", "create", "cfg", "k", "two"},
                {"kv", "update", "cfg", "k", "two", "9"},
                {"kv", "update", "cfg", "k", "two", "1"},
                {"kv", "put", "cfg", "k", "three"},
                {"kv", "revert", "cfg", "k", "2", "--force"},
                {"kv", "revert", "cfg", "k", "40", "--force"},
                {"kv", "get", "cfg", "k", "--raw"},
                {"kv", "del", "cfg", "k", "-f"},
                {"kv", "create", "cfg", "k", "again"},
                {"kv", "put", "cfg", "old", "x"},
                {"kv", "del", "cfg", "old", "-f"},
                {"kv", "compact", "cfg", "-f"},
                {"kv", "history", "cfg", "old"},
                {"kv", "history", "cfg", "k"}}) {
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

    /** Times differ from run to run, so do the status's creation time and sizes; the rest must not. */
    private static String mask(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", "<time>")
                .replaceAll("(Bucket Size|Values Stored): .*", "$1: <masked>");
    }

    @Test
    void revisionVerbsAnswerTheSameAgainstNatsServerAndWirehub() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        List<String> theirs;
        try (NatsServerProcess nats = NatsServerProcess.start(null, false, List.of("-js", "-sd",
                Files.createTempDirectory("kvcli-nats-").toString()))) {
            theirs = script(nats.url());
        }
        List<String> ours;
        try (Wirehub wirehub = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(Files.createTempDirectory("kvcli-wh-")))
                .build())) {
            ours = script(wirehub.clientUrl());
        }
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < theirs.size(); i++) {
            assertThat(ours.get(i)).isEqualTo(theirs.get(i));
        }
        assertThat(String.join("\n", ours)).as("the script did what it meant to")
                .contains("kv create cfg k two => exit 1\nwirehub: nats: key exists")
                .contains("kv update cfg k two 9 => exit 1\nwirehub: wrong last sequence: 1 (10071)")
                .contains("kv get cfg k --raw => exit 0\ntwo")
                .contains("kv create cfg k again => exit 0\nagain");
    }
}
