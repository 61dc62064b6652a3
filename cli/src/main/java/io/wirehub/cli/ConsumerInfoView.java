package io.wirehub.cli;

import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.SequenceInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code wirehub consumer info}: natscli's "Information for Consumer S > C" view, row for row. */
final class ConsumerInfoView {
    private ConsumerInfoView() {
    }

    static void render(PrintWriter out, ConsumerInfo info) {
        ConsumerConfiguration config = info.getConsumerConfiguration();
        Columns cols = new Columns("Information for Consumer " + info.getStreamName() + " > " + info.getName()
                + " created " + NatsFormat.time(info.getCreationTime()));
        cols.section("Configuration");
        cols.rowIfNotEmpty("Name", config.getName());
        cols.rowIf("Durable Name", config.getDurable(), config.getDurable() != null
                && !config.getDurable().equals(config.getName()));
        cols.rowIfNotEmpty("Description", config.getDescription());
        boolean push = config.getDeliverSubject() != null && !config.getDeliverSubject().isEmpty();
        if (push) {
            cols.row("Delivery Subject", config.getDeliverSubject());
        } else {
            cols.row("Pull Mode", true);
        }
        List<String> filters = config.getFilterSubjects() == null ? List.of() : config.getFilterSubjects();
        if (filters.size() == 1) {
            cols.row("Filter Subject", filters.get(0));
        } else if (filters.size() > 1) {
            cols.row("Filter Subjects", String.join(", ", filters));
        }
        cols.row("Deliver Policy", switch (config.getDeliverPolicy()) {
            case All -> "All";
            case Last -> "Last";
            case New -> "New";
            case LastPerSubject -> "Last Per Subject";
            case ByStartTime -> "Since " + NatsFormat.goTime(config.getStartTime());
            case ByStartSequence -> "From Sequence " + config.getStartSequence();
        });
        cols.rowIf("Deliver Queue Group", config.getDeliverGroup(), push && config.getDeliverGroup() != null
                && !config.getDeliverGroup().isEmpty());
        cols.row("Ack Policy", ackPolicy(config.getAckPolicy()));
        cols.rowIf("Ack Wait", NatsFormat.duration(config.getAckWait()), config.getAckPolicy() != AckPolicy.None);
        cols.row("Replay Policy", config.getReplayPolicy() == io.nats.client.api.ReplayPolicy.Original ? "Original"
                : "Instant");
        cols.rowIf("Maximum Deliveries", NatsFormat.comma(config.getMaxDeliver()), config.getMaxDeliver() != -1);
        cols.rowIfNotEmpty("Sampling Rate", config.getSampleFrequency());
        cols.rowIf("Rate Limit", StoreCommandSupport.bytes(config.getRateLimit() / 8) + " / second",
                config.getRateLimit() > 0);
        cols.rowIf("Max Ack Pending", NatsFormat.comma(config.getMaxAckPending()), config.getMaxAckPending() > 0);
        cols.rowIf("Max Waiting Pulls", NatsFormat.comma(config.getMaxPullWaiting()), config.getMaxPullWaiting() > 0);
        cols.rowIf("Idle Heartbeat", NatsFormat.duration(config.getIdleHeartbeat()), positive(config.getIdleHeartbeat()));
        cols.rowIf("Flow Control", config.isFlowControl(), push);
        cols.rowIf("Headers Only", true, config.isHeadersOnly());
        cols.rowIf("Inactive Threshold", NatsFormat.duration(config.getInactiveThreshold()),
                positive(config.getInactiveThreshold()) && !push);
        cols.rowIf("Max Pull Expire", NatsFormat.duration(config.getMaxExpires()), positive(config.getMaxExpires()));
        cols.rowIf("Max Pull Batch", NatsFormat.comma(config.getMaxBatch()), config.getMaxBatch() > 0);
        cols.rowIf("Max Pull MaxBytes", NatsFormat.comma(config.getMaxBytes()), config.getMaxBytes() > 0);
        List<Duration> backoff = config.getBackoff() == null ? List.of() : config.getBackoff();
        cols.rowIf("Backoff", backoff(backoff), !backoff.isEmpty());
        cols.rowIf("Replicas", config.getNumReplicas(), config.getNumReplicas() > 0);
        cols.rowIf("Memory Storage", true, config.isMemStorage());
        Map<String, String> meta = userMetadata(config.getMetadata());
        if (!meta.isEmpty()) {
            cols.section("Metadata");
            meta.forEach(cols::row);
        }

        cols.section("State");
        SequenceInfo delivered = info.getDelivered();
        String last = "Consumer sequence: " + NatsFormat.comma(delivered.getConsumerSequence()) + " Stream sequence: "
                + NatsFormat.comma(delivered.getStreamSequence());
        if (delivered.getLastActive() != null) {
            last += " Last delivery: " + NatsFormat.duration(NatsFormat.since(info.getTimestamp(),
                    delivered.getLastActive())) + " ago";
        }
        cols.row("Last Delivered Message", last);
        if (config.getAckPolicy() != AckPolicy.None) {
            SequenceInfo floor = info.getAckFloor();
            String ack = "Consumer sequence: " + NatsFormat.comma(floor.getConsumerSequence()) + " Stream sequence: "
                    + NatsFormat.comma(floor.getStreamSequence());
            if (floor.getLastActive() != null) {
                ack += " Last Ack: " + NatsFormat.duration(NatsFormat.since(info.getTimestamp(), floor.getLastActive()))
                        + " ago";
            }
            cols.row("Acknowledgment Floor", ack);
            cols.row("Outstanding Acks", config.getMaxAckPending() > 0
                    ? NatsFormat.comma(info.getNumAckPending()) + " out of maximum "
                            + NatsFormat.comma(config.getMaxAckPending())
                    : NatsFormat.comma(info.getNumAckPending()));
            cols.row("Redelivered Messages", NatsFormat.comma(info.getRedelivered()));
        }
        cols.row("Unprocessed Messages", NatsFormat.comma(info.getNumPending()));
        if (!push) {
            cols.row("Waiting Pulls", NatsFormat.comma(info.getNumWaiting()) + " of "
                    + (config.getMaxPullWaiting() > 0 ? "maximum " + NatsFormat.comma(config.getMaxPullWaiting())
                            : "unlimited"));
        } else if (info.isPushBound()) {
            cols.row("Active Interest", config.getDeliverGroup() != null && !config.getDeliverGroup().isEmpty()
                    ? "Active using Queue Group " + config.getDeliverGroup() : "Active");
        } else {
            cols.row("Active Interest", "No interest");
        }
        cols.render(out);
    }

    static String ackPolicy(AckPolicy policy) {
        return switch (policy) {
            case None -> "None";
            case All -> "All";
            case Explicit -> "Explicit";
            default -> policy.toString();
        };
    }

    private static boolean positive(Duration d) {
        return d != null && d.toNanos() > 0;
    }

    /** natscli's renderBackoff: Go durations, the first and last five of a long list. */
    private static String backoff(List<Duration> steps) {
        List<String> times = new ArrayList<>();
        if (steps.size() > 15) {
            steps.subList(0, 5).forEach(d -> times.add(NatsFormat.goString(d)));
            times.add("...");
            steps.subList(steps.size() - 5, steps.size()).forEach(d -> times.add(NatsFormat.goString(d)));
            return String.join(", ", times) + " (" + steps.size() + " total)";
        }
        steps.forEach(d -> times.add(NatsFormat.goString(d)));
        return String.join(", ", times);
    }

    /** The metadata a user set: the server's own {@code _nats.} keys are left out, as natscli does. */
    static Map<String, String> userMetadata(Map<String, String> metadata) {
        Map<String, String> user = new TreeMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                if (!k.startsWith("_nats.")) {
                    user.put(k, v);
                }
            });
        }
        return user;
    }
}
