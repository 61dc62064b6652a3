package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ReplayPolicy;
import io.wirehub.server.config.GoDuration;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub consumer add STREAM NAME}: natscli's create flags, and where natscli would ask, the
 * answer its {@code --defaults} gives (pull mode, deliver all, explicit acks for pull and none for
 * push, unlimited deliveries). Prints the new consumer's info view.
 */
@Command(name = "add", aliases = {"create", "new"}, mixinStandardHelpOptions = true,
        description = "Creates a new consumer")
final class ConsumerAddCommand extends StoreVerb {
    @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
    String stream;
    @Parameters(index = "1", arity = "0..1", paramLabel = "CONSUMER", description = "Consumer name")
    String consumer;
    @Option(names = "--ack", paramLabel = "POLICY", description = "Acknowledgment policy (none, all, explicit)")
    String ackPolicy;
    @Option(names = "--bps", defaultValue = "0", description = "Restrict message delivery to a certain bit per second")
    long bps;
    @Option(names = "--deliver", paramLabel = "POLICY", description = "Start policy (all, new, last, subject, 1h,"
            + " msg sequence)")
    String deliver;
    @Option(names = "--deliver-group", paramLabel = "GROUP",
            description = "Delivers push messages only to subscriptions matching this group")
    String deliverGroup;
    @Option(names = "--description", description = "Sets a contextual description for the consumer")
    String description;
    @Option(names = "--ephemeral", description = "Create an ephemeral consumer")
    boolean ephemeral;
    @Option(names = "--filter", paramLabel = "SUBJECTS", split = ",", description = "Filter Stream by subjects")
    List<String> filters = new ArrayList<>();
    @Option(names = "--flow-control", description = "Enable Push consumer flow control")
    boolean flowControl;
    @Option(names = "--heartbeat", description = "Enable idle Push consumer heartbeats (-1 disable)")
    String heartbeat;
    @Option(names = "--headers-only", description = "Deliver only headers and no bodies")
    boolean headersOnly;
    @Option(names = "--max-deliver", paramLabel = "TRIES",
            description = "Maximum amount of times a message will be delivered")
    int maxDeliver;
    @Option(names = {"--max-pending", "--max-outstanding"}, defaultValue = "-1",
            description = "Maximum pending Acks before consumers are paused")
    long maxAckPending;
    @Option(names = "--max-waiting", paramLabel = "PULLS", description = "Maximum number of outstanding pulls allowed")
    long maxWaiting;
    @Option(names = "--max-pull-batch", paramLabel = "BATCH_SIZE",
            description = "Maximum size batch size for a pull request to accept")
    long maxPullBatch;
    @Option(names = "--max-pull-expire", paramLabel = "EXPIRES", converter = GoDurationConverter.class,
            description = "Maximum expire duration for a pull request to accept")
    Duration maxPullExpire;
    @Option(names = "--max-pull-bytes", paramLabel = "BYTES",
            description = "Maximum max bytes for a pull request to accept")
    long maxPullBytes;
    @Option(names = "--pull", description = "Deliver messages in 'pull' mode")
    boolean pull;
    @Option(names = "--replay", paramLabel = "POLICY", description = "Replay Policy (instant, original)")
    String replay;
    @Option(names = "--sample", defaultValue = "-1",
            description = "Percentage of requests to sample for monitoring purposes")
    int sample;
    @Option(names = "--target", paramLabel = "SUBJECT", description = "Push based delivery target subject")
    String target;
    @Option(names = "--wait", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Acknowledgment waiting time")
    Duration ackWait;
    @Option(names = "--inactive-threshold", paramLabel = "THRESHOLD", converter = GoDurationConverter.class,
            description = "How long to allow an ephemeral consumer to be idle before removing it")
    Duration inactiveThreshold;
    @Option(names = "--memory", description = "Force the consumer state to be stored in memory rather than inherit"
            + " from the stream")
    boolean memory;
    @Option(names = "--replicas", description = "Sets a custom replica count rather than inherit from the stream")
    int replicas;
    @Option(names = "--metadata", paramLabel = "META", description = "Adds metadata to the consumer (key=value)")
    Map<String, String> metadata;
    @Option(names = "--config", paramLabel = "FILE", description = "JSON file to read configuration from")
    java.nio.file.Path configFile;
    @Option(names = "--defaults", description = "Accept default values for all prompts (always so: wirehub does not"
            + " prompt)")
    boolean defaults;
    @Option(names = {"-j", "--json"}, description = "Produce JSON output")
    boolean json;

    @Override
    void run(Connection nc) throws Exception {
        ConsumerConfiguration config = config();
        ConsumerCommand.show(out(), nc.jetStreamManagement().addOrUpdateConsumer(stream, config), json);
    }

    /** natscli's prepareConfig with every question answered by its default. */
    ConsumerConfiguration config() throws Exception {
        if (configFile != null) {
            return fromFile();
        }
        if ((consumer == null || consumer.isEmpty()) && !ephemeral) {
            throw new UserFacingException("a consumer name is required (or --ephemeral)");
        }
        if (consumer != null && consumer.matches(".*[.*>].*")) {
            throw new UserFacingException("durable name can not contain '.', '*', '>'");
        }
        ConsumerConfiguration.Builder b = ConsumerConfiguration.builder();
        if (description != null) {
            b.description(description);
        }
        if (ephemeral) {
            if (consumer != null) {
                b.name(consumer);
            }
        } else {
            b.durable(consumer);
        }
        boolean push = !pull && target != null && !target.isEmpty();
        if (push) {
            b.deliverSubject(target);
            if (deliverGroup != null && !deliverGroup.isEmpty()) {
                b.deliverGroup(deliverGroup);
            }
        }
        DeliverPolicy policy = startPolicy(b, deliver == null ? "all" : deliver);
        AckPolicy ack = ackPolicy(ackPolicy == null ? (push ? "none" : "explicit") : ackPolicy);
        b.ackPolicy(ack);
        if (ackWait != null && !ackWait.isZero()) {
            b.ackWait(ackWait);
        }
        if (sample > 100) {
            throw new UserFacingException("sample percent is not between 0 and 100");
        }
        if (sample > 0) {
            b.sampleFrequency(Integer.toString(sample));
        }
        b.replayPolicy(replayPolicy(replay == null ? "instant" : replay));
        if (filters.size() == 1) {
            b.filterSubject(filters.get(0));
        } else if (filters.size() > 1) {
            b.filterSubjects(filters);
        } else if (policy == DeliverPolicy.LastPerSubject) {
            b.filterSubject(">");
        }
        if (heartbeat != null && !heartbeat.equals("-1")) {
            if (!push) {
                throw new UserFacingException("pull subscribers does not support idle heartbeats");
            }
            b.idleHeartbeat(GoDuration.parse(heartbeat));
        }
        if (push && flowControl) {
            // jnats' flowControl(Duration) sets the heartbeat with it; keep the one given (or none).
            b.flowControl(heartbeat == null || heartbeat.equals("-1") ? Duration.ZERO : GoDuration.parse(heartbeat));
        }
        b.headersOnly(headersOnly ? Boolean.TRUE : null);
        b.maxAckPending(maxAckPending == -1 ? 0 : maxAckPending);
        if (inactiveThreshold != null) {
            b.inactiveThreshold(inactiveThreshold);
        }
        if (maxPullBatch > 0) {
            b.maxBatch(maxPullBatch);
        }
        if (maxPullExpire != null && !maxPullExpire.isZero()) {
            b.maxExpires(maxPullExpire);
        }
        if (maxPullBytes > 0) {
            b.maxBytes(maxPullBytes);
        }
        if (!push && maxWaiting > 0) {
            b.maxPullWaiting(maxWaiting);
        }
        if (ack != AckPolicy.None) {
            b.maxDeliver(maxDeliver == 0 ? -1 : maxDeliver);
        }
        if (bps > 0) {
            if (!push) {
                throw new UserFacingException("rate limits are only possible on Push consumers");
            }
            b.rateLimit(bps);
        }
        if (replicas > 0) {
            b.numReplicas(replicas);
        }
        if (memory) {
            b.memStorage(true);
        }
        if (metadata != null) {
            b.metadata(metadata);
        }
        return b.build();
    }

    /**
     * {@code --config FILE}: the consumer's JSON config as the API takes it; the name given on the
     * command line replaces a durable name in the file, --target a delivery subject (as natscli).
     */
    private ConsumerConfiguration fromFile() throws Exception {
        String json;
        try {
            json = java.nio.file.Files.readString(configFile);
        } catch (java.io.IOException e) {
            throw new UserFacingException("invalid input: cannot read " + configFile + ": " + e.getMessage());
        }
        ConsumerConfiguration.Builder b;
        try {
            b = ConsumerConfiguration.builder().json(json);
        } catch (io.nats.client.support.JsonParseException e) {
            throw new UserFacingException("invalid input: " + configFile + " is not a consumer configuration: "
                    + e.getMessage());
        }
        ConsumerConfiguration read = b.build();
        if (read.getDurable() != null && consumer != null && !consumer.equals(read.getDurable())) {
            b.durable(consumer);
        }
        if (read.getDeliverSubject() != null && target != null) {
            b.deliverSubject(target);
        }
        return b.build();
    }

    /** natscli's setStartPolicy: all, last, new, subject, a sequence, or a duration back from now. */
    static DeliverPolicy startPolicy(ConsumerConfiguration.Builder b, String policy) {
        DeliverPolicy p;
        switch (policy) {
            case "all" -> p = DeliverPolicy.All;
            case "last" -> p = DeliverPolicy.Last;
            case "new", "next" -> p = DeliverPolicy.New;
            case "subject", "last_per_subject" -> p = DeliverPolicy.LastPerSubject;
            default -> {
                if (policy.matches("\\d+")) {
                    p = DeliverPolicy.ByStartSequence;
                    b.startSequence(Long.parseLong(policy));
                } else {
                    Duration back;
                    try {
                        back = GoDuration.parse(policy);
                    } catch (IllegalArgumentException e) {
                        throw new UserFacingException("could not parse starting delta: " + e.getMessage());
                    }
                    p = DeliverPolicy.ByStartTime;
                    b.startTime(ZonedDateTime.now(ZoneOffset.UTC).minus(back));
                }
            }
        }
        b.deliverPolicy(p);
        return p;
    }

    static AckPolicy ackPolicy(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "none" -> AckPolicy.None;
            case "all" -> AckPolicy.All;
            case "explicit" -> AckPolicy.Explicit;
            default -> throw new UserFacingException("invalid ack policy '" + p + "'");
        };
    }

    static ReplayPolicy replayPolicy(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "instant" -> ReplayPolicy.Instant;
            case "original" -> ReplayPolicy.Original;
            default -> throw new UserFacingException("invalid replay policy '" + p + "'");
        };
    }
}
