package io.wirehub.server.system;

/**
 * nats-server's ServerAPIResponse: {@code {"server":{...},"data":{...}}}, or with
 * {@code "error":{"code":..,"description":..}} in place of the data.
 */
final class ApiResponse {
    private ApiResponse() {
    }

    static byte[] data(ServerIdentity identity, byte[] data) {
        return Json.bytes("{\"server\":" + identity.next() + ",\"data\":" + Json.text(data) + "}");
    }

    /** An error before the document was built (options unreadable): no "data" at all. */
    static byte[] error(ServerIdentity identity, int code, String description) {
        return error(identity, code, description, "");
    }

    /**
     * An error while building the document: {@code "data":null} stays, as Go writes a typed nil
     * pointer held in an interface.
     */
    static byte[] failed(ServerIdentity identity, int code, String description) {
        return error(identity, code, description, ",\"data\":null");
    }

    private static byte[] error(ServerIdentity identity, int code, String description, String data) {
        return Json.bytes("{\"server\":" + identity.next() + data + ",\"error\":{\"code\":" + code
                + (description == null || description.isEmpty() ? "" : ",\"description\":" + Json.quote(description))
                + "}}");
    }
}
