package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.jetstream.api.StreamConfig.Compression;
import io.wirehub.server.jetstream.api.StreamConfig.ConsumerLimits;
import io.wirehub.server.jetstream.api.StreamConfig.Discard;
import io.wirehub.server.jetstream.api.StreamConfig.External;
import io.wirehub.server.jetstream.api.StreamConfig.Placement;
import io.wirehub.server.jetstream.api.StreamConfig.Republish;
import io.wirehub.server.jetstream.api.StreamConfig.Retention;
import io.wirehub.server.jetstream.api.StreamConfig.Storage;
import io.wirehub.server.jetstream.api.StreamConfig.StreamSource;
import io.wirehub.server.jetstream.api.StreamConfig.TransformConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@link StreamConfig} to and from JSON as nats-server 2.10 reads and writes it: fields in the
 * order of Go's struct, {@code omitempty} fields left out when zero, durations in nanoseconds.
 */
public final class StreamConfigJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamConfigJson() {
    }

    /** Parses a request body; anything Go's json.Unmarshal would refuse is 10025 invalid JSON. */
    public static StreamConfig parse(byte[] body) throws JsApiException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw GoJsonObject.invalid();
        }
        if (root == null || root.isMissingNode()) {
            throw GoJsonObject.invalid();
        }
        GoJsonObject o = GoJsonObject.of(root);
        return o == null ? StreamConfig.named("") : read(o);
    }

    static StreamConfig read(GoJsonObject o) throws JsApiException {
        GoJsonObject placement = o.object("placement");
        GoJsonObject limits = o.object("consumer_limits");
        List<StreamSource> sources = new ArrayList<>();
        for (JsonNode s : o.array("sources")) {
            GoJsonObject src = GoJsonObject.of(s);
            // A null entry is a nil *StreamSource in Go; nats-server would crash on it, so refuse.
            if (src == null) {
                throw GoJsonObject.invalid();
            }
            sources.add(source(src));
        }
        GoJsonObject mirror = o.object("mirror");
        return new StreamConfig(
                o.string("name"),
                o.string("description"),
                o.strings("subjects"),
                o.enumValue("retention", Retention.LIMITS, j -> byJson(Retention.values(), j, r -> r.json, false)),
                o.integer("max_consumers", 64),
                o.integer("max_msgs", 64),
                o.integer("max_bytes", 64),
                o.integer("max_age", 64),
                o.integer("max_msgs_per_subject", 64),
                (int) o.integer("max_msg_size", 32),
                o.enumValue("discard", Discard.OLD, j -> byJson(Discard.values(), j, d -> d.json, true)),
                o.enumValue("storage", Storage.UNSET, j -> byJson(Storage.values(), j, s -> s.json, false)),
                o.integer("num_replicas", 64),
                o.bool("no_ack"),
                o.string("template_owner"),
                o.integer("duplicate_window", 64),
                placement == null ? null : new Placement(placement.string("cluster"), placement.strings("tags")),
                mirror == null ? null : source(mirror),
                sources,
                o.enumValue("compression", Compression.NONE,
                        j -> byJson(Compression.values(), j, c -> c.json, false)),
                o.unsigned("first_seq"),
                transform(o.object("subject_transform")),
                republish(o.object("republish")),
                o.bool("allow_direct"),
                o.bool("mirror_direct"),
                o.bool("discard_new_per_subject"),
                o.bool("sealed"),
                o.bool("deny_delete"),
                o.bool("deny_purge"),
                o.bool("allow_rollup_hdrs"),
                limits == null ? ConsumerLimits.NONE
                        : new ConsumerLimits(limits.integer("inactive_threshold", 64),
                                limits.integer("max_ack_pending", 64)),
                o.stringMap("metadata"));
    }

    private static <E> E byJson(E[] values, String json, java.util.function.Function<E, String> name,
                                boolean ignoreCase) {
        return Arrays.stream(values)
                .filter(v -> name.apply(v) != null
                        && (ignoreCase ? name.apply(v).equals(json.toLowerCase(Locale.ROOT)) : name.apply(v).equals(json)))
                .findFirst().orElse(null);
    }

    private static StreamSource source(GoJsonObject s) throws JsApiException {
        List<TransformConfig> transforms = new ArrayList<>();
        for (JsonNode t : s.array("subject_transforms")) {
            GoJsonObject tr = GoJsonObject.of(t);
            transforms.add(tr == null ? new TransformConfig("", "") : transform(tr));
        }
        GoJsonObject external = s.object("external");
        return new StreamSource(s.string("name"), s.unsigned("opt_start_seq"), s.time("opt_start_time"),
                s.string("filter_subject"), transforms,
                external == null ? null : new External(external.string("api"), external.string("deliver")));
    }

    private static TransformConfig transform(GoJsonObject t) throws JsApiException {
        return t == null ? null : new TransformConfig(t.string("src"), t.string("dest"));
    }

    private static Republish republish(GoJsonObject r) throws JsApiException {
        return r == null ? null : new Republish(r.string("src"), r.string("dest"), r.bool("headers_only"));
    }

    /** The config as nats-server writes it in replies (Go's field order and omitempty). */
    public static ObjectNode write(StreamConfig c) {
        ObjectNode o = NODES.objectNode();
        o.put("name", c.name());
        putString(o, "description", c.description());
        if (!c.subjects().isEmpty()) {
            strings(o.putArray("subjects"), c.subjects());
        }
        o.put("retention", c.retention().json);
        o.put("max_consumers", c.maxConsumers());
        o.put("max_msgs", c.maxMsgs());
        o.put("max_bytes", c.maxBytes());
        o.put("max_age", c.maxAgeNanos());
        o.put("max_msgs_per_subject", c.maxMsgsPerSubject());
        if (c.maxMsgSize() != 0) {
            o.put("max_msg_size", c.maxMsgSize());
        }
        o.put("discard", c.discard().json);
        // Go writes its zero storage type (never seen once defaults apply) as a quoted number-less
        // string; "file" is what every stored config carries.
        o.put("storage", c.storage().json == null ? "" : c.storage().json);
        o.put("num_replicas", c.replicas());
        if (c.noAck()) {
            o.put("no_ack", true);
        }
        putString(o, "template_owner", c.templateOwner());
        if (c.duplicateWindowNanos() != 0) {
            o.put("duplicate_window", c.duplicateWindowNanos());
        }
        if (c.placement() != null) {
            ObjectNode p = o.putObject("placement");
            putString(p, "cluster", c.placement().cluster());
            if (!c.placement().tags().isEmpty()) {
                strings(p.putArray("tags"), c.placement().tags());
            }
        }
        if (c.mirror() != null) {
            o.set("mirror", source(c.mirror()));
        }
        if (!c.sources().isEmpty()) {
            ArrayNode a = o.putArray("sources");
            c.sources().forEach(s -> a.add(source(s)));
        }
        o.put("compression", c.compression().json);
        if (c.firstSeq() != 0) {
            o.put("first_seq", new java.math.BigInteger(Long.toUnsignedString(c.firstSeq())));
        }
        if (c.subjectTransform() != null) {
            o.set("subject_transform", transform(c.subjectTransform()));
        }
        if (c.republish() != null) {
            ObjectNode r = o.putObject("republish");
            putString(r, "src", c.republish().source());
            r.put("dest", c.republish().destination());
            if (c.republish().headersOnly()) {
                r.put("headers_only", true);
            }
        }
        o.put("allow_direct", c.allowDirect());
        o.put("mirror_direct", c.mirrorDirect());
        if (c.discardNewPerSubject()) {
            o.put("discard_new_per_subject", true);
        }
        o.put("sealed", c.sealed());
        o.put("deny_delete", c.denyDelete());
        o.put("deny_purge", c.denyPurge());
        o.put("allow_rollup_hdrs", c.allowRollup());
        ObjectNode limits = o.putObject("consumer_limits");
        if (c.consumerLimits().inactiveThresholdNanos() != 0) {
            limits.put("inactive_threshold", c.consumerLimits().inactiveThresholdNanos());
        }
        if (c.consumerLimits().maxAckPending() != 0) {
            limits.put("max_ack_pending", c.consumerLimits().maxAckPending());
        }
        if (!c.metadata().isEmpty()) {
            // Go writes a map's keys sorted.
            ObjectNode m = o.putObject("metadata");
            new TreeMap<>(c.metadata()).forEach(m::put);
        }
        return o;
    }

    private static ObjectNode source(StreamSource s) {
        ObjectNode o = NODES.objectNode();
        o.put("name", s.name());
        if (s.optStartSeq() != 0) {
            o.put("opt_start_seq", new java.math.BigInteger(Long.toUnsignedString(s.optStartSeq())));
        }
        if (s.optStartTime() != null) {
            o.put("opt_start_time", GoTime.format(s.optStartTime()));
        }
        putString(o, "filter_subject", s.filterSubject());
        if (!s.subjectTransforms().isEmpty()) {
            ArrayNode a = o.putArray("subject_transforms");
            s.subjectTransforms().forEach(t -> a.add(transform(t)));
        }
        if (s.external() != null) {
            ObjectNode e = o.putObject("external");
            e.put("api", s.external().apiPrefix());
            e.put("deliver", s.external().deliverPrefix());
        }
        return o;
    }

    static ObjectNode transform(TransformConfig t) {
        ObjectNode o = NODES.objectNode();
        o.put("src", t.source());
        o.put("dest", t.destination());
        return o;
    }

    private static void putString(ObjectNode o, String key, String value) {
        if (!value.isEmpty()) {
            o.put(key, value);
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** Compact JSON text of a node, as replies are sent. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
