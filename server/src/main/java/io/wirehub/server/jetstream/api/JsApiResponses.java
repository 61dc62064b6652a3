package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.config.JetStreamAccountLimits;
import java.nio.charset.StandardCharsets;

/** The JSON documents the API answers with, field for field as nats-server writes them. */
public final class JsApiResponses {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsApiResponses() {
    }

    /** {@code {"type":…}}: the start of every reply. */
    public static ObjectNode typed(JsApiEndpoint endpoint) {
        return NODES.objectNode().put("type", endpoint.type());
    }

    /** {@code {"type":…,"error":{"code":…,"err_code":…,"description":…}}}. */
    public static ObjectNode error(JsApiEndpoint endpoint, JsApiError error) {
        ObjectNode reply = typed(endpoint);
        ObjectNode e = reply.putObject("error");
        e.put("code", error.code());
        e.put("err_code", error.errCode());
        e.put("description", error.description());
        addAlwaysPresent(endpoint, reply);
        return reply;
    }

    /**
     * The fields of a reply type that Go writes even in an error reply (no omitempty): the paging
     * fields and the nil list of the names and list replies, STREAM.INFO's paging, PURGE's count,
     * RESTORE's subject.
     */
    private static void addAlwaysPresent(JsApiEndpoint endpoint, ObjectNode reply) {
        switch (endpoint) {
            case STREAM_NAMES, TEMPLATE_NAMES -> paged(reply).putNull("streams");
            // nats-server starts its list reply with an empty, non-nil list.
            case STREAM_LIST -> paged(reply).putArray("streams");
            // nats-server starts both consumer replies with an empty, non-nil list.
            case CONSUMER_NAMES, CONSUMER_LIST -> paged(reply).putArray("consumers");
            case STREAM_INFO -> paged(reply);
            case STREAM_PURGE -> reply.put("purged", 0);
            case STREAM_RESTORE -> reply.put("deliver_subject", "");
            default -> {
            }
        }
    }

    private static ObjectNode paged(ObjectNode reply) {
        return reply.put("total", 0).put("offset", 0).put("limit", 0);
    }

    /**
     * nats-server's JetStreamAccountStats: {@code memory, storage, reserved_memory,
     * reserved_storage, streams, consumers, limits{…}, domain?, api{total, errors}}.
     */
    public static ObjectNode accountInfo(JsAccount account, String domain) {
        JsAccountUsage usage = account.usage();
        ObjectNode reply = typed(JsApiEndpoint.ACCOUNT_INFO);
        reply.put("memory", usage.memoryBytes());
        reply.put("storage", usage.storageBytes());
        reply.put("reserved_memory", usage.reservedMemory());
        reply.put("reserved_storage", usage.reservedStorage());
        reply.put("streams", usage.streams());
        reply.put("consumers", usage.consumers());
        JetStreamAccountLimits l = account.limits();
        ObjectNode limits = reply.putObject("limits");
        limits.put("max_memory", l.maxMemory());
        limits.put("max_storage", l.maxStore());
        limits.put("max_streams", l.maxStreams());
        limits.put("max_consumers", l.maxConsumers());
        limits.put("max_ack_pending", l.maxAckPending());
        limits.put("memory_max_stream_bytes", l.memoryMaxStreamBytes());
        limits.put("storage_max_stream_bytes", l.storeMaxStreamBytes());
        limits.put("max_bytes_required", l.maxBytesRequired());
        if (!domain.isEmpty()) {
            reply.put("domain", domain);
        }
        ObjectNode api = reply.putObject("api");
        api.put("total", account.apiTotal());
        api.put("errors", account.apiErrors());
        return reply;
    }

    public static byte[] bytes(ObjectNode reply) {
        return StreamConfigJson.text(reply).getBytes(StandardCharsets.UTF_8);
    }
}
