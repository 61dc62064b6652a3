package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.wirehub.server.config.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub stream add NAME}: natscli's stream create flags; where natscli would ask, its
 * {@code --defaults} answer (file storage, limits retention, discard old, everything unlimited, a
 * 2 minute duplicate window or max-age if shorter). Prints "Stream S was created" and the info view.
 */
@Command(name = "add", aliases = {"create", "new"}, mixinStandardHelpOptions = true,
        description = "Create a new JetStream stream")
final class StreamAddCommand extends StoreVerb {
    @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
    String stream;
    @Option(names = "--subjects", paramLabel = "SUBJECTS", split = ",",
            description = "Subjects that are consumed by the stream")
    List<String> subjects = new ArrayList<>();
    @Option(names = "--description", description = "Sets a contextual description for the stream")
    String description;
    @Option(names = "--storage", defaultValue = "file", description = "Storage backend to use (file, memory)")
    String storage;
    @Option(names = "--replicas", defaultValue = "1", description = "When clustered, how many replicas of the data"
            + " to create")
    int replicas;
    @Option(names = "--ack", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Acknowledge publishes (default true)")
    boolean ack;
    @Option(names = "--retention", defaultValue = "limits",
            description = "Defines a retention policy (limits, interest, work)")
    String retention;
    @Option(names = "--discard", defaultValue = "old", description = "Defines the discard policy (new, old)")
    String discard;
    @Option(names = "--discard-per-subject", description = "Sets the 'new' discard policy and applies it to every"
            + " subject in the stream")
    boolean discardPerSubject;
    @Option(names = "--max-age", paramLabel = "DURATION", description = "Maximum age of messages to keep")
    String maxAge;
    @Option(names = "--max-bytes", paramLabel = "BYTES", description = "Maximum bytes to keep")
    String maxBytes;
    @Option(names = "--max-consumers", defaultValue = "-1", description = "Maximum number of consumers to allow")
    long maxConsumers;
    @Option(names = "--max-msg-size", paramLabel = "BYTES", description = "Maximum size any 1 message may be")
    String maxMsgSize;
    @Option(names = "--max-msgs", defaultValue = "-1", description = "Maximum amount of messages to keep")
    long maxMsgs;
    @Option(names = "--max-msgs-per-subject", defaultValue = "-1",
            description = "Maximum amount of messages to keep per subject")
    long maxMsgsPerSubject;
    @Option(names = "--dupe-window", paramLabel = "DURATION",
            description = "Duration of the duplicate message tracking window")
    String dupeWindow;
    @Option(names = "--allow-rollup", description = "Allows roll-ups to be done by publishing messages with special"
            + " headers")
    boolean allowRollup;
    @Option(names = "--deny-delete", description = "Deny messages from being deleted via the API")
    boolean denyDelete;
    @Option(names = "--deny-purge", description = "Deny entire stream or subject purges via the API")
    boolean denyPurge;
    @Option(names = "--allow-direct", description = "Allows fast, direct, access to stream data via the direct get"
            + " API")
    boolean allowDirect;
    @Option(names = "--metadata", paramLabel = "META", description = "Adds metadata to the stream (key=value)")
    Map<String, String> metadata;
    @Option(names = "--first-sequence", description = "Sets the starting sequence")
    long firstSequence;
    @Option(names = "--config", paramLabel = "FILE", description = "JSON file to read configuration from")
    java.nio.file.Path configFile;
    @Option(names = "--defaults", description = "Accept default values for all prompts (always so: wirehub does not"
            + " prompt)")
    boolean defaults;
    @Option(names = {"-j", "--json"}, description = "Produce JSON output")
    boolean json;

    @Override
    void run(Connection nc) throws Exception {
        StreamInfo info = nc.jetStreamManagement().addStream(config());
        if (json) {
            ApiJson.print(out(), info);
            return;
        }
        out().println("Stream " + stream + " was created");
        out().println();
        StreamInfoView.render(out(), info, false);
    }

    StreamConfiguration config() {
        if (configFile != null) {
            return fromFile();
        }
        // natscli's SplitCLISubjects: "a b,c" and repeated flags alike.
        List<String> split = new ArrayList<>();
        subjects.forEach(s -> split.addAll(Arrays.stream(s.trim().split("[\\s,]+")).filter(x -> !x.isEmpty())
                .toList()));
        if (split.isEmpty()) {
            split.add(stream);
        }
        if (replicas <= 0) {
            throw new UserFacingException("replicas should be >= 1");
        }
        Duration age = maxAge == null || maxAge.equals("-1") ? Duration.ZERO : parse(maxAge, "maximum age limit");
        Duration window;
        if (dupeWindow != null) {
            window = parse(dupeWindow, "duplicate window");
        } else {
            window = age.isZero() || age.compareTo(Duration.ofMinutes(2)) >= 0 ? Duration.ofMinutes(2) : age;
        }
        StreamConfiguration.Builder b = StreamConfiguration.builder().name(stream).subjects(split)
                .storageType(storage.toLowerCase(java.util.Locale.ROOT).startsWith("m") ? StorageType.Memory
                        : StorageType.File)
                .replicas(replicas).noAck(!ack).retentionPolicy(StreamInfoView.retention(retention))
                .discardPolicy(discardPerSubject || discard.equalsIgnoreCase("new") ? DiscardPolicy.New
                        : DiscardPolicy.Old)
                .discardNewPerSubject(discardPerSubject)
                .maxMessages(maxMsgs <= 0 ? -1 : maxMsgs)
                .maxMessagesPerSubject(maxMsgsPerSubject <= 0 ? -1 : maxMsgsPerSubject)
                .maxBytes(maxBytes == null ? -1 : positiveOrUnlimited(StoreCommandSupport.parseSize(maxBytes)))
                .maxAge(age).duplicateWindow(window).maxConsumers(maxConsumers)
                .allowRollup(allowRollup).denyDelete(denyDelete).denyPurge(denyPurge).allowDirect(allowDirect);
        if (maxMsgSize != null) {
            long size = StoreCommandSupport.parseSize(maxMsgSize);
            if (size > Integer.MAX_VALUE) {
                throw new UserFacingException("max value size " + NatsFormat.comma(size) + " is too big maximum is "
                        + NatsFormat.comma(Integer.MAX_VALUE));
            }
            b.maximumMessageSize(size <= 0 ? -1 : (int) size);
        }
        if (description != null) {
            b.description(description);
        }
        if (metadata != null) {
            b.metadata(metadata);
        }
        if (firstSequence > 0) {
            b.firstSequence(firstSequence);
        }
        return b.build();
    }

    /**
     * {@code --config FILE}: the stream's JSON config as the API takes it; the name on the command
     * line, --subjects, --description and --replicas given replace the file's (as natscli).
     */
    private StreamConfiguration fromFile() {
        StreamConfiguration read;
        try {
            read = StreamConfiguration.instance(java.nio.file.Files.readString(configFile));
        } catch (io.nats.client.support.JsonParseException | RuntimeException e) {
            throw new UserFacingException("invalid input: " + configFile + " is not a stream configuration: "
                    + e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserFacingException("invalid input: cannot read " + configFile + ": " + e.getMessage());
        }
        StreamConfiguration.Builder b = StreamConfiguration.builder(read).name(stream);
        if (!subjects.isEmpty()) {
            b.subjects(subjects);
        }
        if (description != null) {
            b.description(description);
        }
        if (replicas > 1) {
            b.replicas(replicas);
        }
        return b.build();
    }

    private static long positiveOrUnlimited(long v) {
        return v <= 0 ? -1 : v;
    }

    private static Duration parse(String text, String what) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("invalid " + what + " format: " + text);
        }
    }
}
