package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wirehub consumer ...}: natscli's consumer verbs, flags and views, on jnats'
 * JetStreamManagement, so a consumer made here is the one {@code nats consumer} and every client see.
 * Nothing is asked interactively but a removal's confirmation: where natscli would prompt, its
 * {@code --defaults} answer is taken.
 */
@Command(name = "consumer", aliases = {"con", "obs", "c"}, mixinStandardHelpOptions = true,
        versionProvider = WirehubCommand.VersionProvider.class, description = "JetStream consumer management, as"
                + " `nats consumer`.",
        subcommands = {ConsumerAddCommand.class, ConsumerCommand.Ls.class, ConsumerCommand.Info.class,
                ConsumerCommand.Rm.class, ConsumerNextCommand.class, ConsumerSubCommand.class})
public final class ConsumerCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List known consumers")
    static final class Ls extends StoreVerb {
        @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
        String stream;
        @Option(names = {"-j", "--json"}, description = "Produce JSON output")
        boolean json;
        @Option(names = {"-n", "--names"}, description = "Show just the consumer names")
        boolean names;

        @Override
        void run(Connection nc) throws Exception {
            JetStreamManagement jsm = nc.jetStreamManagement();
            if (json || names) {
                List<String> list = jsm.getConsumerNames(stream);
                if (json) {
                    ApiJson.print(out(), list);
                } else {
                    list.stream().sorted().forEach(out()::println);
                }
                return;
            }
            List<ConsumerInfo> consumers = jsm.getConsumers(stream);
            if (consumers.isEmpty()) {
                out().println("No Consumers defined");
                return;
            }
            Table table = new Table("Consumers", "Name", "Description", "Created", "Ack Pending", "Unprocessed",
                    "Last Delivery");
            consumers.stream().sorted(java.util.Comparator.comparing(ConsumerInfo::getName)).forEach(c -> table.row(
                    c.getName(), nullToEmpty(c.getConsumerConfiguration().getDescription()),
                    NatsFormat.time(c.getCreationTime()), NatsFormat.comma(c.getNumAckPending()),
                    NatsFormat.comma(c.getNumPending()),
                    NatsFormat.duration(NatsFormat.since(c.getTimestamp(), c.getDelivered().getLastActive()))));
            out().println(table.render());
        }
    }

    @Command(name = "info", aliases = "nfo", mixinStandardHelpOptions = true, description = "Consumer information")
    static final class Info extends StoreVerb {
        @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
        String stream;
        @Parameters(index = "1", paramLabel = "CONSUMER", description = "Consumer name")
        String consumer;
        @Option(names = {"-j", "--json"}, description = "Produce JSON output")
        boolean json;

        @Override
        void run(Connection nc) throws Exception {
            show(out(), nc.jetStreamManagement().getConsumerInfo(stream, consumer), json);
        }
    }

    @Command(name = "rm", aliases = {"delete", "del"}, mixinStandardHelpOptions = true,
            description = "Removes a consumer")
    static final class Rm extends StoreVerb {
        @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
        String stream;
        @Parameters(index = "1", paramLabel = "CONSUMER", description = "Consumer name")
        String consumer;
        @Option(names = {"-f", "--force"}, description = "Force removal without prompting")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            JetStreamManagement jsm = nc.jetStreamManagement();
            if (!force) {
                // natscli loads the consumer before asking, so a wrong name fails without a question.
                jsm.getConsumerInfo(stream, consumer);
                if (!Confirm.ask(console, "Really delete Consumer " + stream + " > " + consumer)) {
                    return;
                }
            }
            jsm.deleteConsumer(stream, consumer);
        }
    }

    /** The info view or, with {@code --json}, the server's consumer info. */
    static void show(java.io.PrintWriter out, ConsumerInfo info, boolean json) throws Exception {
        if (json) {
            ApiJson.print(out, info);
        } else {
            ConsumerInfoView.render(out, info);
        }
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
