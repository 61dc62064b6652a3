package io.wirehub.cli;

import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;

/** {@code wirehub stream info}: natscli's "Information for Stream S" view, row for row. */
final class StreamInfoView {
    private StreamInfoView() {
    }

    /** @param stateOnly natscli's {@code --state}: the "State for Stream" view without the config */
    static void render(PrintWriter out, StreamInfo info, boolean stateOnly) {
        StreamConfiguration cfg = info.getConfiguration();
        Columns cols = new Columns((stateOnly ? "State for Stream " : "Information for Stream ") + cfg.getName()
                + " created " + NatsFormat.time(info.getCreateTime()));
        if (!stateOnly) {
            config(cols, cfg);
        }
        if (info.getMirrorInfo() != null) {
            cols.section("Mirror Information");
            var m = info.getMirrorInfo();
            source(cols, m.getName(), m.getLag(), m.getActive(), m.getError());
        }
        if (info.getSourceInfos() != null && !info.getSourceInfos().isEmpty()) {
            cols.section("Source Information");
            info.getSourceInfos().forEach(s -> source(cols, s.getName(), s.getLag(), s.getActive(), s.getError()));
        }
        cols.section("State");
        StreamState state = info.getStreamState();
        cols.row("Messages", NatsFormat.comma(state.getMsgCount()));
        cols.row("Bytes", StoreCommandSupport.bytes(state.getByteCount()));
        cols.row("First Sequence", sequence(state.getFirstSequence(), state.getFirstTime()));
        cols.row("Last Sequence", sequence(state.getLastSequence(), state.getLastTime()));
        cols.rowIf("Deleted Messages", NatsFormat.comma(state.getDeletedCount()), state.getDeletedCount() > 0);
        cols.row("Active Consumers", NatsFormat.comma(state.getConsumerCount()));
        cols.rowIf("Number of Subjects", NatsFormat.comma(state.getSubjectCount()), state.getSubjectCount() > 0);
        cols.render(out);
    }

    private static void config(Columns cols, StreamConfiguration cfg) {
        cols.rowIfNotEmpty("Description", cfg.getDescription());
        cols.rowIf("Subjects", String.join(", ", cfg.getSubjects()), !cfg.getSubjects().isEmpty());
        cols.row("Replicas", cfg.getReplicas());
        cols.rowIf("Sealed", true, cfg.getSealed());
        cols.row("Storage", cfg.getStorageType() == StorageType.Memory ? "Memory" : "File");
        cols.rowIf("First Sequence", NatsFormat.comma(cfg.getFirstSequence()), cfg.getFirstSequence() > 0);
        cols.section("Options");
        if (cfg.getSubjectTransform() != null && cfg.getSubjectTransform().getDestination() != null) {
            String source = cfg.getSubjectTransform().getSource();
            cols.row("Subject Transform", (source == null || source.isEmpty() ? ">" : source) + " to "
                    + cfg.getSubjectTransform().getDestination());
        }
        if (cfg.getRepublish() != null) {
            cols.row(cfg.getRepublish().isHeadersOnly() ? "Republishing Headers" : "Republishing",
                    cfg.getRepublish().getSource() + " to " + cfg.getRepublish().getDestination());
        }
        cols.row("Retention", switch (cfg.getRetentionPolicy()) {
            case Limits -> "Limits";
            case Interest -> "Interest";
            case WorkQueue -> "WorkQueue";
        });
        cols.row("Acknowledgments", !cfg.getNoAck());
        cols.row("Discard Policy", cfg.isDiscardNewPerSubject() ? "New Per Subject"
                : cfg.getDiscardPolicy() == DiscardPolicy.New ? "New" : "Old");
        cols.row("Duplicate Window", NatsFormat.duration(cfg.getDuplicateWindow()));
        cols.rowIf("Direct Get", true, cfg.getAllowDirect());
        cols.rowIf("Mirror Direct Get", true, cfg.getMirrorDirect());
        cols.row("Allows Atomic Batch Publish", cfg.getAllowAtomicPublish());
        cols.row("Allows Fast Batch Publish", false);
        cols.row("Allows Counters", cfg.getAllowMessageCounter());
        cols.row("Allows Msg Delete", !cfg.getDenyDelete());
        cols.row("Allows Per-Message TTL", cfg.getAllowMessageTtl());
        cols.row("Allows Purge", !cfg.getDenyPurge());
        cols.row("Allows Schedules", cfg.getAllowMsgSchedules());
        cols.row("Allows Rollups", cfg.getAllowRollup());
        cols.section("Limits");
        cols.row("Maximum Messages", cfg.getMaxMsgs() == -1 ? "unlimited" : NatsFormat.comma(cfg.getMaxMsgs()));
        cols.row("Maximum Per Subject", cfg.getMaxMsgsPerSubject() <= 0 ? "unlimited"
                : NatsFormat.comma(cfg.getMaxMsgsPerSubject()));
        cols.row("Maximum Bytes", cfg.getMaxBytes() == -1 ? "unlimited" : StoreCommandSupport.bytes(cfg.getMaxBytes()));
        Duration maxAge = cfg.getMaxAge();
        cols.row("Maximum Age", maxAge == null || maxAge.toNanos() <= 0 ? "unlimited" : NatsFormat.duration(maxAge));
        cols.row("Maximum Message Size", cfg.getMaximumMessageSize() == -1 ? "unlimited"
                : StoreCommandSupport.bytes(cfg.getMaximumMessageSize()));
        cols.row("Maximum Consumers", cfg.getMaxConsumers() == -1 ? "unlimited"
                : NatsFormat.comma(cfg.getMaxConsumers()));
        Map<String, String> meta = ConsumerInfoView.userMetadata(cfg.getMetadata());
        if (!meta.isEmpty()) {
            cols.section("Metadata");
            meta.forEach(cols::row);
        }
        if (cfg.getMirror() != null || !cfg.getSources().isEmpty()) {
            cols.section("Replication");
        }
        if (cfg.getMirror() != null) {
            cols.row("Mirror", cfg.getMirror().getName());
        }
        for (int i = 0; i < cfg.getSources().size(); i++) {
            cols.row(i == 0 ? "Sources" : "", cfg.getSources().get(i).getName());
        }
    }

    private static void source(Columns cols, String name, long lag, Duration active, io.nats.client.api.Error error) {
        cols.row("Stream Name", name);
        cols.row("Lag", NatsFormat.comma(lag));
        cols.row("Last Seen", active == null || active.toNanos() <= 0 ? "never" : NatsFormat.duration(active));
        if (error != null) {
            cols.row("Error", error.getDescription());
        }
    }

    private static String sequence(long seq, ZonedDateTime time) {
        if (time == null || time.toEpochSecond() <= 0) {
            return NatsFormat.comma(seq);
        }
        return NatsFormat.comma(seq) + " @ " + NatsFormat.time(time);
    }

    static RetentionPolicy retention(String p) {
        return switch (p.toLowerCase(java.util.Locale.ROOT)) {
            case "limits" -> RetentionPolicy.Limits;
            case "interest" -> RetentionPolicy.Interest;
            case "work", "workq", "work queue", "workqueue" -> RetentionPolicy.WorkQueue;
            default -> throw new UserFacingException("invalid retention policy " + p);
        };
    }
}
