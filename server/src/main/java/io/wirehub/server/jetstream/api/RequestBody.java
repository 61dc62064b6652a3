package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A request body read as nats-server reads its optional request structs. */
final class RequestBody {
    private RequestBody() {
    }

    /**
     * nats-server's isEmptyRequest: no bytes, or any JSON object without keys. Anything else
     * (including invalid JSON) is a request with content.
     */
    static boolean isEmpty(byte[] body) {
        if (body.length == 0) {
            return true;
        }
        try {
            JsonNode node = StreamConfigJson.MAPPER.readTree(body);
            return node != null && node.isObject() && node.isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The body as a Go struct would be filled; 10025 when Go's json.Unmarshal would refuse it. */
    static GoJsonObject parse(byte[] body) throws JsApiException {
        JsonNode root;
        try {
            root = StreamConfigJson.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw GoJsonObject.invalid();
        }
        if (root == null || root.isMissingNode()) {
            throw GoJsonObject.invalid();
        }
        GoJsonObject o = GoJsonObject.of(root);
        return o == null ? GoJsonObject.of(StreamConfigJson.MAPPER.createObjectNode()) : o;
    }
}
