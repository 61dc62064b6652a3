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

    static byte[] error(ServerIdentity identity, int code, String description) {
        return Json.bytes("{\"server\":" + identity.next() + ",\"error\":{\"code\":" + code
                + (description == null || description.isEmpty() ? "" : ",\"description\":" + Json.quote(description))
                + "}}");
    }
}
