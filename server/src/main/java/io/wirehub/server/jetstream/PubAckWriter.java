package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.jetstream.api.JsApiError;
import io.wirehub.server.jetstream.api.StreamConfigJson;
import java.nio.charset.StandardCharsets;

/**
 * A stream's PubAcks, byte for byte as nats-server 2.10 writes them: the success forms from a
 * template ({@code {"stream":"S", "seq":1}}, with {@code "domain":"D", } when set, and
 * {@code ,"duplicate": true} for a duplicate), the error form as Go marshals its response struct
 * ({@code {"error":{…},"stream":"S","seq":0}}).
 */
final class PubAckWriter {
    private final String stream;
    private final String prefix;

    PubAckWriter(String stream, String domain) {
        this.stream = stream;
        String name = quote(stream);
        this.prefix = domain.isEmpty() ? "{\"stream\":" + name + ", \"seq\":"
                : "{\"stream\":" + name + ", \"domain\":" + quote(domain) + ", \"seq\":";
    }

    byte[] stored(long seq) {
        return (prefix + Long.toUnsignedString(seq) + "}").getBytes(StandardCharsets.UTF_8);
    }

    byte[] duplicate(long seq) {
        return (prefix + Long.toUnsignedString(seq) + ",\"duplicate\": true}").getBytes(StandardCharsets.UTF_8);
    }

    byte[] error(JsApiError error) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ObjectNode e = o.putObject("error");
        e.put("code", error.code());
        e.put("err_code", error.errCode());
        e.put("description", error.description());
        o.put("stream", stream);
        o.put("seq", 0);
        return StreamConfigJson.text(o).getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return StreamConfigJson.text(JsonNodeFactory.instance.textNode(s));
    }
}
