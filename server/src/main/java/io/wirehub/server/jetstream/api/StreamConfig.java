package io.wirehub.server.jetstream.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stream's configuration as nats-server 2.10's {@code StreamConfig} holds it: Go's zero values
 * where a field is absent ({@code ""}, 0, false, an empty list or map; null for Go's pointers), so
 * defaulting and validation ({@link StreamConfigValidator}) and the JSON written back
 * ({@link StreamConfigJson}) follow nats-server field by field. Durations are nanoseconds.
 */
public record StreamConfig(
        String name,
        String description,
        List<String> subjects,
        Retention retention,
        long maxConsumers,
        long maxMsgs,
        long maxBytes,
        long maxAgeNanos,
        long maxMsgsPerSubject,
        int maxMsgSize,
        Discard discard,
        Storage storage,
        long replicas,
        boolean noAck,
        String templateOwner,
        long duplicateWindowNanos,
        Placement placement,
        StreamSource mirror,
        List<StreamSource> sources,
        Compression compression,
        long firstSeq,
        TransformConfig subjectTransform,
        Republish republish,
        boolean allowDirect,
        boolean mirrorDirect,
        boolean discardNewPerSubject,
        boolean sealed,
        boolean denyDelete,
        boolean denyPurge,
        boolean allowRollup,
        ConsumerLimits consumerLimits,
        Map<String, String> metadata) {

    public StreamConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        subjects = List.copyOf(subjects);
        sources = sources.stream().map(Objects::requireNonNull).toList();
        Objects.requireNonNull(templateOwner, "templateOwner");
        Objects.requireNonNull(consumerLimits, "consumerLimits");
        metadata = Map.copyOf(metadata);
    }

    /** Go's zero values ({@code storage} and {@code retention} as the zero of their enums). */
    public static StreamConfig named(String name) {
        return new StreamConfig(name, "", List.of(), Retention.LIMITS, 0, 0, 0, 0, 0, 0, Discard.OLD,
                Storage.UNSET, 0, false, "", 0, null, null, List.of(), Compression.NONE, 0, null, null,
                false, false, false, false, false, false, false, ConsumerLimits.NONE, Map.of());
    }

    /** {@code retention}: Go's zero value is limits. */
    public enum Retention {
        LIMITS("limits"), INTEREST("interest"), WORKQUEUE("workqueue");

        public final String json;

        Retention(String json) {
            this.json = json;
        }
    }

    /** {@code discard}: Go's zero value is old; read case-insensitively, as nats-server does. */
    public enum Discard {
        OLD("old"), NEW("new");

        public final String json;

        Discard(String json) {
            this.json = json;
        }
    }

    /**
     * {@code storage}. nats-server's zero value is neither file nor memory: it becomes file when
     * defaults are applied. {@code "any"} is accepted by its parser too.
     */
    public enum Storage {
        UNSET(null), FILE("file"), MEMORY("memory"), ANY("any");

        public final String json;

        Storage(String json) {
            this.json = json;
        }
    }

    /** {@code compression}: Go's zero value is none. */
    public enum Compression {
        NONE("none"), S2("s2");

        public final String json;

        Compression(String json) {
            this.json = json;
        }
    }

    /** {@code placement}: accepted and echoed; a single server places nothing. */
    public record Placement(String cluster, List<String> tags) {
        public Placement {
            tags = List.copyOf(tags);
        }
    }

    /** {@code {"src":…,"dest":…}}: a subject transform. */
    public record TransformConfig(String source, String destination) {
    }

    /** {@code republish}: where stored messages are published again. */
    public record Republish(String source, String destination, boolean headersOnly) {
        public Republish withSource(String s) {
            return new Republish(s, destination, headersOnly);
        }
    }

    /** {@code external}: another domain's or account's API and delivery prefixes. */
    public record External(String apiPrefix, String deliverPrefix) {
    }

    /** A {@code mirror} or an entry of {@code sources}. */
    public record StreamSource(String name, long optStartSeq, OffsetDateTime optStartTime, String filterSubject,
                               List<TransformConfig> subjectTransforms, External external) {
        public StreamSource {
            subjectTransforms = List.copyOf(subjectTransforms);
        }

        /**
         * What tells two sources apart: the name, plus the external API prefix and the filters,
         * as nats-server composes it to find duplicates.
         */
        String identity() {
            StringBuilder id = new StringBuilder(name);
            if (external != null) {
                id.append(':').append(external.apiPrefix().hashCode());
            }
            // An empty filter or transform side means '>', so "" and ">" are the same source.
            if (subjectTransforms.isEmpty()) {
                id.append(' ').append(orAll(filterSubject)).append(' ').append('>');
            } else {
                for (TransformConfig t : subjectTransforms) {
                    id.append(' ').append(orAll(t.source())).append(' ').append(orAll(t.destination()));
                }
            }
            return id.toString();
        }

        private static String orAll(String subject) {
            return subject.isEmpty() ? ">" : subject;
        }
    }

    /** {@code consumer_limits}: defaults and caps for the stream's consumers. */
    public record ConsumerLimits(long inactiveThresholdNanos, long maxAckPending) {
        public static final ConsumerLimits NONE = new ConsumerLimits(0, 0);
    }
}
