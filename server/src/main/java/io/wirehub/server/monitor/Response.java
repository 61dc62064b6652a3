package io.wirehub.server.monitor;

import java.nio.charset.StandardCharsets;

/**
 * One endpoint's answer, before it is written.
 *
 * @param json true for a JSON body, which a {@code ?callback=} request gets wrapped as JSONP
 */
record Response(int status, String contentType, byte[] body, boolean json) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static Response json(Object value) {
        return new Response(200, JSON, JsonBody.pretty(value), true);
    }

    static Response json(int status, Object value) {
        return new Response(status, JSON, JsonBody.compact(value), true);
    }

    static Response text(int status, String text) {
        return new Response(status, TEXT, text.getBytes(StandardCharsets.UTF_8), false);
    }
}
