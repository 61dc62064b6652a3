package io.wirehub.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.api.ApiResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code --json}: the server's own API answer, indented two spaces as natscli's PrintJSON does,
 * without the response envelope's {@code type} (natscli prints the info struct, which has none).
 */
final class ApiJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ApiJson() {
    }

    static void print(PrintWriter out, ApiResponse<?> response) throws Exception {
        JsonNode node = MAPPER.readTree(response.getJv().toJson());
        if (node instanceof ObjectNode object) {
            object.remove("type");
        }
        print(out, node);
    }

    static void print(PrintWriter out, Object value) throws Exception {
        out.println(MAPPER.writer(new GoIndent()).writeValueAsString(value));
    }

    /** Go's json.MarshalIndent(v, "", "  "): {@code "key": value}, and {@code []} / {@code {}} when empty. */
    private static final class GoIndent extends DefaultPrettyPrinter {
        GoIndent() {
            DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
            indentObjectsWith(twoSpaces);
            indentArraysWith(twoSpaces);
        }

        GoIndent(GoIndent base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new GoIndent(this);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (values == 0) {
                _nesting--;
                g.writeRaw(']');
                return;
            }
            super.writeEndArray(g, values);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (entries == 0) {
                _nesting--;
                g.writeRaw('}');
                return;
            }
            super.writeEndObject(g, entries);
        }
    }
}
