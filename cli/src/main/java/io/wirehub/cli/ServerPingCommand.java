package io.wirehub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirehub server ping}: which servers answer, and how fast, as natscli's. */
@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Ping the servers through the system account ($SYS.REQ.SERVER.PING) and list who answered,"
                + " with connections, subscriptions and round trip.", "Needs a user of the system account."})
public final class ServerPingCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--expect", paramLabel = "N", defaultValue = "0",
            description = "Stop waiting once N servers answered (default: wait the whole --timeout).")
    private int expect;

    @Option(names = "--json", description = "Print the answers as a JSON array.")
    private boolean json;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        String subject = "$SYS.REQ.SERVER.PING";
        try (Connection nc = Nats.connect(connection.jnats("wirehub server ping").build())) {
            long start = System.nanoTime();
            List<JsonNode> answers = SystemRequests.gather(nc, subject, "", connection.timeout(), expect);
            double millis = (System.nanoTime() - start) / 1e6;
            if (answers.isEmpty()) {
                throw SystemRequests.noAnswer(subject);
            }
            if (json) {
                ArrayNode array = SystemRequests.JSON.createArrayNode();
                answers.forEach(array::add);
                console.text().println(array.toPrettyString());
            } else {
                for (JsonNode answer : answers) {
                    JsonNode server = answer.path("server");
                    JsonNode statsz = answer.path("statsz");
                    console.text().printf(Locale.ROOT, "%-40s conns=%d subs=%d%n", server.path("name").asText(),
                            statsz.path("connections").asLong(), statsz.path("subscriptions").asLong());
                }
                console.text().printf(Locale.ROOT, "%n---- ping statistics ----%n%d replies in %.2fms%n",
                        answers.size(), millis);
            }
            console.text().flush();
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }
}
