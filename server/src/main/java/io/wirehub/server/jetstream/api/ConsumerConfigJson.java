package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;

/**
 * A consumer config read from JSON as Go's encoding/json fills nats-server's ConsumerConfig, and
 * written back field for field in its order, with its omitempty rules.
 */
public final class ConsumerConfigJson {
    private ConsumerConfigJson() {
    }

    /** Reads the {@code config} object of a create request; a missing one is Go's zero config. */
    static ConsumerConfig read(GoJsonObject o) throws JsApiException {
        ConsumerConfig c = new ConsumerConfig();
        if (o == null) {
            return c;
        }
        c.durable = o.string("durable_name");
        c.name = o.string("name");
        c.description = o.string("description");
        c.deliverPolicy = o.enumValue("deliver_policy", ConsumerConfig.DeliverPolicy.ALL,
                ConsumerConfig.DeliverPolicy::byJson);
        c.optStartSeq = o.unsigned("opt_start_seq");
        c.optStartTime = o.time("opt_start_time");
        c.ackPolicy = o.enumValue("ack_policy", ConsumerConfig.AckPolicy.NONE, ConsumerConfig.AckPolicy::byJson);
        c.ackWaitNanos = o.integer("ack_wait", 64);
        c.maxDeliver = o.integer("max_deliver", 64);
        for (JsonNode d : o.array("backoff")) {
            if (d.isNull()) {
                c.backoffNanos.add(0L);
            } else if (!d.isIntegralNumber() || d.bigIntegerValue().bitLength() > 63) {
                throw GoJsonObject.invalid();
            } else {
                c.backoffNanos.add(d.longValue());
            }
        }
        c.filterSubject = o.string("filter_subject");
        c.filterSubjects.addAll(o.strings("filter_subjects"));
        c.replayPolicy = o.enumValue("replay_policy", ConsumerConfig.ReplayPolicy.INSTANT,
                ConsumerConfig.ReplayPolicy::byJson);
        c.rateLimitBps = o.unsigned("rate_limit_bps");
        c.sampleFrequency = o.string("sample_freq");
        c.maxWaiting = o.integer("max_waiting", 64);
        c.maxAckPending = o.integer("max_ack_pending", 64);
        c.heartbeatNanos = o.integer("idle_heartbeat", 64);
        c.flowControl = o.bool("flow_control");
        c.headersOnly = o.bool("headers_only");
        c.maxRequestBatch = o.integer("max_batch", 64);
        c.maxRequestExpiresNanos = o.integer("max_expires", 64);
        c.maxRequestMaxBytes = o.integer("max_bytes", 64);
        c.deliverSubject = o.string("deliver_subject");
        c.deliverGroup = o.string("deliver_group");
        c.inactiveThresholdNanos = o.integer("inactive_threshold", 64);
        c.replicas = o.integer("num_replicas", 64);
        c.memoryStorage = o.bool("mem_storage");
        c.direct = o.bool("direct");
        c.metadata.putAll(o.stringMap("metadata"));
        return c;
    }

    /** Reads a config as stored beside a consumer's state. */
    public static ConsumerConfig parse(byte[] json) throws JsApiException {
        return read(RequestBody.parse(json));
    }

    /** The config as nats-server marshals it. */
    public static ObjectNode write(ConsumerConfig c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        putString(o, "durable_name", c.durable);
        putString(o, "name", c.name);
        putString(o, "description", c.description);
        o.put("deliver_policy", c.deliverPolicy.json);
        if (c.optStartSeq != 0) {
            o.put("opt_start_seq", new BigInteger(Long.toUnsignedString(c.optStartSeq)));
        }
        if (c.optStartTime != null) {
            o.put("opt_start_time", GoTime.format(c.optStartTime));
        }
        o.put("ack_policy", c.ackPolicy.json);
        putLong(o, "ack_wait", c.ackWaitNanos);
        putLong(o, "max_deliver", c.maxDeliver);
        if (!c.backoffNanos.isEmpty()) {
            ArrayNode a = o.putArray("backoff");
            c.backoffNanos.forEach(a::add);
        }
        putString(o, "filter_subject", c.filterSubject);
        if (!c.filterSubjects.isEmpty()) {
            ArrayNode a = o.putArray("filter_subjects");
            c.filterSubjects.forEach(a::add);
        }
        o.put("replay_policy", c.replayPolicy.json);
        if (c.rateLimitBps != 0) {
            o.put("rate_limit_bps", new BigInteger(Long.toUnsignedString(c.rateLimitBps)));
        }
        putString(o, "sample_freq", c.sampleFrequency);
        putLong(o, "max_waiting", c.maxWaiting);
        putLong(o, "max_ack_pending", c.maxAckPending);
        putLong(o, "idle_heartbeat", c.heartbeatNanos);
        putTrue(o, "flow_control", c.flowControl);
        putTrue(o, "headers_only", c.headersOnly);
        putLong(o, "max_batch", c.maxRequestBatch);
        putLong(o, "max_expires", c.maxRequestExpiresNanos);
        putLong(o, "max_bytes", c.maxRequestMaxBytes);
        putString(o, "deliver_subject", c.deliverSubject);
        putString(o, "deliver_group", c.deliverGroup);
        putLong(o, "inactive_threshold", c.inactiveThresholdNanos);
        o.put("num_replicas", c.replicas);
        putTrue(o, "mem_storage", c.memoryStorage);
        putTrue(o, "direct", c.direct);
        if (!c.metadata.isEmpty()) {
            ObjectNode m = o.putObject("metadata");
            for (Map.Entry<String, String> e : c.metadata.entrySet()) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    static String text(ConsumerConfig c) {
        return StreamConfigJson.text(write(c));
    }

    private static void putString(ObjectNode o, String key, String value) {
        if (!value.isEmpty()) {
            o.put(key, value);
        }
    }

    private static void putLong(ObjectNode o, String key, long value) {
        if (value != 0) {
            o.put(key, value);
        }
    }

    private static void putTrue(ObjectNode o, String key, boolean value) {
        if (value) {
            o.put(key, true);
        }
    }
}
