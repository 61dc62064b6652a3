package io.wirehub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirehub server info [ID]}: a server's /varz through the system account, as natscli's. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Show a server's information and statistics (its /varz), asked through the system account"
                + " ($SYS.REQ.SERVER.PING.VARZ, or $SYS.REQ.SERVER.<ID>.VARZ).",
                "Needs a user of the system account."})
public final class ServerInfoCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The server's id (default: the first to answer).")
    private String serverId;

    @Option(names = "--json", description = "Print the answer as JSON.")
    private boolean json;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        String subject = serverId == null ? "$SYS.REQ.SERVER.PING.VARZ" : "$SYS.REQ.SERVER." + serverId + ".VARZ";
        try (Connection nc = Nats.connect(connection.jnats("wirehub server info").build())) {
            List<JsonNode> answers = SystemRequests.gather(nc, subject, "{}", connection.timeout(), 1);
            if (answers.isEmpty()) {
                throw SystemRequests.noAnswer(subject);
            }
            JsonNode answer = answers.get(0);
            if (answer.has("error")) {
                throw new UserFacingException(subject + ": " + answer.path("error").path("description").asText());
            }
            if (json) {
                console.text().println(answer.toPrettyString());
            } else {
                print(answer.path("data"));
            }
            console.text().flush();
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }

    private void print(JsonNode varz) {
        var out = console.text();
        out.printf("Server information for %s (%s)%n%n", varz.path("server_name").asText(),
                varz.path("server_id").asText());
        out.println("Process Details:");
        row("Version", varz.path("version").asText());
        row("Go Version", varz.path("go").asText());
        row("Start Time", varz.path("start").asText());
        row("Uptime", varz.path("uptime").asText());
        out.println();
        out.println("Connection Details:");
        row("Auth Required", Boolean.toString(varz.path("auth_required").asBoolean(false)));
        row("TLS Required", Boolean.toString(varz.path("tls_required").asBoolean(false)));
        row("Host", varz.path("host").asText() + ":" + varz.path("port").asInt());
        out.println();
        out.println("Limits:");
        row("Max Conn", Long.toString(varz.path("max_connections").asLong()));
        row("Max Subs", Long.toString(varz.path("max_subscriptions").asLong()));
        row("Max Payload", bytes(varz.path("max_payload").asLong()));
        row("Write Deadline", String.format(Locale.ROOT, "%.2fs", varz.path("write_deadline").asLong() / 1e9));
        if (varz.path("memory_limit").asLong() > 0) {
            row("Memory Limit", bytes(varz.path("memory_limit").asLong()));
        }
        out.println();
        out.println("Statistics:");
        row("CPU Cores", varz.path("cores").asInt() + " " + String.format(Locale.ROOT, "%.2f%%",
                varz.path("cpu").asDouble()));
        row("Memory", bytes(varz.path("mem").asLong()));
        row("Connections", Long.toString(varz.path("connections").asLong()));
        row("Subscriptions", Long.toString(varz.path("subscriptions").asLong()));
        row("Msgs", varz.path("in_msgs").asLong() + " in " + varz.path("out_msgs").asLong() + " out");
        row("Bytes", bytes(varz.path("in_bytes").asLong()) + " in " + bytes(varz.path("out_bytes").asLong()) + " out");
        row("Slow Consumers", Long.toString(varz.path("slow_consumers").asLong()));
    }

    private void row(String name, String value) {
        console.text().printf("%18s: %s%n", name, value);
    }

    /** natscli's humanize.IBytes: 1.0 MiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
