package io.wirehub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirehub account}, and {@code wirehub account info}: who this connection is and what its account may do, as natscli's:
 * the connection, {@code $SYS.REQ.USER.INFO} (user, account, permissions) and {@code $JS.API.INFO}
 * (JetStream usage and limits, when the account has JetStream).
 */
@Command(name = "account", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = "Account tools.", subcommands = AccountCommand.Info.class)
public final class AccountCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
            description = "Show this connection's user, account, permissions and JetStream usage.")
    static final class Info implements Callable<Integer>, Console.User {
        @Mixin
        private ConnectionOptions connection;

        @Option(names = "--json", description = "Print the information as JSON.")
        private boolean json;

        private Console console;

        @Override
        public void console(Console c) {
            this.console = c;
        }

        @Override
        public Integer call() throws Exception {
            try (Connection nc = Nats.connect(connection.jnats("wirehub account info").build())) {
                List<JsonNode> users = SystemRequests.gather(nc, "$SYS.REQ.USER.INFO", "", connection.timeout(), 1);
                JsonNode user = users.isEmpty() ? null : users.get(0).path("data");
                JsonNode jetstream = jetStream(nc);
                if (json) {
                    ObjectNode out = SystemRequests.JSON.createObjectNode();
                    out.set("user", user);
                    out.set("jetstream", jetstream);
                    console.text().println(out.toPrettyString());
                } else {
                    print(nc, user, jetstream);
                }
                console.text().flush();
            } catch (java.io.IOException e) {
                throw Connections.failure(connection, e);
            }
            return ExitCodes.OK;
        }

        /** {@code $JS.API.INFO}'s answer, or null when JetStream does not answer. */
        private JsonNode jetStream(Connection nc) throws Exception {
            Message reply;
            try {
                reply = nc.request("$JS.API.INFO", new byte[0], connection.timeout());
            } catch (IllegalStateException e) {
                return null;
            }
            if (reply == null || reply.isStatusMessage() || reply.getData() == null || reply.getData().length == 0) {
                return null;
            }
            return SystemRequests.JSON.readTree(new String(reply.getData(), StandardCharsets.UTF_8));
        }

        private void print(Connection nc, JsonNode user, JsonNode jetstream) {
            var out = console.text();
            ServerInfo server = nc.getServerInfo();
            out.println("Account Information");
            out.println();
            if (user != null) {
                row("User", user.path("user").asText());
                row("Account", user.path("account").asText());
                long expires = user.path("expires").asLong(0);
                row("Expires", expires == 0 ? "never" : java.time.Instant.ofEpochSecond(0, expires).toString());
            }
            row("Client ID", Long.toString(server.getClientId()));
            row("Client IP", server.getClientIp());
            row("Headers Supported", Boolean.toString(server.isHeadersSupported()));
            row("Maximum Payload", ServerInfoCommand.bytes(server.getMaxPayload()));
            row("Connected URL", nc.getConnectedUrl());
            row("Connected Server ID", server.getServerId());
            row("Connected Server Version", server.getVersion());
            if (user != null && user.has("permissions")) {
                out.println();
                out.println("Permissions:");
                out.println(user.path("permissions").toPrettyString());
            }
            out.println();
            if (jetstream == null) {
                out.println("JetStream is not supported in this account");
            } else if (jetstream.has("error")) {
                out.println("JetStream: " + jetstream.path("error").path("description").asText());
            } else {
                out.println("JetStream Account Information:");
                out.println();
                row("Memory", ServerInfoCommand.bytes(jetstream.path("memory").asLong()) + " of "
                        + limit(jetstream.path("limits").path("max_memory").asLong()));
                row("Storage", ServerInfoCommand.bytes(jetstream.path("storage").asLong()) + " of "
                        + limit(jetstream.path("limits").path("max_storage").asLong()));
                row("Streams", jetstream.path("streams").asLong() + " of "
                        + count(jetstream.path("limits").path("max_streams").asLong()));
                row("Consumers", jetstream.path("consumers").asLong() + " of "
                        + count(jetstream.path("limits").path("max_consumers").asLong()));
                row("API Requests", Long.toString(jetstream.path("api").path("total").asLong()));
                row("API Errors", Long.toString(jetstream.path("api").path("errors").asLong()));
                if (!jetstream.path("domain").asText().isEmpty()) {
                    row("Domain", jetstream.path("domain").asText());
                }
            }
        }

        private static String limit(long bytes) {
            return bytes < 0 ? "Unlimited" : ServerInfoCommand.bytes(bytes);
        }

        private static String count(long n) {
            return n < 0 ? "Unlimited" : Long.toString(n);
        }

        private void row(String name, String value) {
            console.text().printf("%28s: %s%n", name, value);
        }
    }
}
