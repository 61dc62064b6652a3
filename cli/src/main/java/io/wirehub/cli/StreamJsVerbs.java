package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.PurgeOptions;
import io.nats.client.api.PurgeResponse;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** natscli's {@code stream ls|info|rm|purge}, on jnats' JetStreamManagement. */
final class StreamJsVerbs {
    private StreamJsVerbs() {
    }

    @Command(name = "ls", aliases = {"list", "l"}, mixinStandardHelpOptions = true,
            description = "List all known JetStream streams")
    static final class Ls extends StoreVerb {
        @Option(names = "--subject", description = "Limit the list to streams with matching subjects")
        String subject;
        @Option(names = {"-n", "--names"}, description = "Show just the stream names")
        boolean names;
        @Option(names = {"-j", "--json"}, description = "Produce JSON output")
        boolean json;
        @Option(names = {"-a", "--all"}, description = "Include system streams (KV_ and OBJ_ buckets)")
        boolean all;

        @Override
        void run(Connection nc) throws Exception {
            JetStreamManagement jsm = nc.jetStreamManagement();
            if (names) {
                List<String> list = subject == null ? jsm.getStreamNames() : jsm.getStreamNames(subject);
                if (json) {
                    ApiJson.print(out(), list);
                } else {
                    list.stream().sorted().forEach(out()::println);
                }
                return;
            }
            List<StreamInfo> infos = subject == null ? jsm.getStreams() : jsm.getStreams(subject);
            // natscli hides the streams behind KV buckets and object stores unless -a.
            List<StreamInfo> shown = infos.stream().filter(i -> all || !internal(i.getConfiguration().getName()))
                    .sorted(Comparator.comparingLong(i -> i.getStreamState().getByteCount())).toList();
            if (json) {
                ApiJson.print(out(), shown.stream().map(i -> i.getConfiguration().getName()).toList());
                return;
            }
            if (shown.isEmpty()) {
                out().println(infos.isEmpty() ? "No Streams defined" : "No Streams defined, pass -a to include system"
                        + " streams");
                return;
            }
            Table table = new Table(subject == null ? "Streams" : "Streams matching " + subject, "Name", "Description",
                    "Created", "Messages", "Size", "Last Message");
            for (StreamInfo i : shown) {
                table.row(i.getConfiguration().getName(), ConsumerCommand.nullToEmpty(i.getConfiguration()
                        .getDescription()), NatsFormat.time(i.getCreateTime()),
                        NatsFormat.comma(i.getStreamState().getMsgCount()),
                        StoreCommandSupport.bytes(i.getStreamState().getByteCount()),
                        NatsFormat.duration(lastMessageAge(i)));
            }
            out().println(table.render());
        }

        private static java.time.Duration lastMessageAge(StreamInfo i) {
            var last = i.getStreamState().getLastTime();
            // Go's zero time: the saturated duration natscli shows as "never".
            return last == null || last.toEpochSecond() <= 0 ? null : NatsFormat.since(i.getTimestamp(), last);
        }

        private static boolean internal(String name) {
            return name.startsWith("KV_") || name.startsWith("OBJ_");
        }
    }

    @Command(name = "info", aliases = {"nfo", "i"}, mixinStandardHelpOptions = true,
            description = "JetStream stream information")
    static final class Info extends StoreVerb {
        @Parameters(index = "0", paramLabel = "STREAM", description = "Stream to retrieve information for")
        String stream;
        @Option(names = {"-j", "--json"}, description = "Produce JSON output")
        boolean json;
        @Option(names = "--state", description = "Shows only the stream state")
        boolean stateOnly;

        @Override
        void run(Connection nc) throws Exception {
            StreamInfo info = nc.jetStreamManagement().getStreamInfo(stream, StreamInfoOptions.builder().build());
            if (json) {
                ApiJson.print(out(), info);
            } else {
                StreamInfoView.render(out(), info, stateOnly);
            }
        }
    }

    @Command(name = "rm", aliases = {"delete", "del"}, mixinStandardHelpOptions = true,
            description = "Removes a JetStream stream")
    static final class Rm extends StoreVerb {
        @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
        String stream;
        @Option(names = {"-f", "--force"}, description = "Force removal without prompting")
        boolean force;

        @Override
        void run(Connection nc) throws Exception {
            JetStreamManagement jsm = nc.jetStreamManagement();
            if (!force) {
                jsm.getStreamInfo(stream);
                if (!Confirm.ask(console, "Really delete Stream " + stream)) {
                    return;
                }
            }
            jsm.deleteStream(stream);
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Bulk removes messages from a stream")
    static final class Purge extends StoreVerb {
        @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
        String stream;
        @Option(names = {"-f", "--force"}, description = "Force removal without prompting")
        boolean force;
        @Option(names = {"-j", "--json"}, description = "Produce JSON output")
        boolean json;
        @Option(names = "--subject", paramLabel = "SUBJECT", description = "Limits the purge to a specific subject")
        String subject;
        @Option(names = "--seq", paramLabel = "SEQUENCE",
                description = "Purge up to but not including a specific message sequence")
        long sequence;
        @Option(names = "--keep", paramLabel = "MESSAGES",
                description = "Keeps a certain number of messages after the purge")
        long keep;

        @Override
        void run(Connection nc) throws Exception {
            JetStreamManagement jsm = nc.jetStreamManagement();
            if (!force && !Confirm.ask(console, "Really purge Stream " + stream)) {
                return;
            }
            if (sequence > 0 && keep > 0) {
                throw new UserFacingException("sequence and keep cannot be combined when purging");
            }
            PurgeResponse purged;
            if (subject != null || sequence > 0 || keep > 0) {
                PurgeOptions.Builder options = PurgeOptions.builder();
                if (subject != null) {
                    options.subject(subject);
                }
                if (sequence > 0) {
                    options.sequence(sequence);
                }
                if (keep > 0) {
                    options.keep(keep);
                }
                purged = jsm.purgeStream(stream, options.build());
            } else {
                purged = jsm.purgeStream(stream);
            }
            out().println("Purged " + purged.getPurged() + " messages from " + stream);
            out().println();
            StreamInfo info = jsm.getStreamInfo(stream);
            if (json) {
                ApiJson.print(out(), info);
            } else {
                StreamInfoView.render(out(), info, true);
            }
        }
    }
}
