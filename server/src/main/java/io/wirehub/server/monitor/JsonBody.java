package io.wirehub.server.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Monitoring JSON as nats-server writes it: Go's json.MarshalIndent layout (two spaces,
 * {@code "key": value}), so a diff against nats-server's output shows content, not layout.
 */
final class JsonBody {
    private static final ObjectWriter PRETTY;
    private static final ObjectWriter COMPACT;

    static {
        ObjectMapper mapper = new ObjectMapper();
        SimpleModule goFloats = new SimpleModule("go-floats");
        goFloats.addSerializer(Double.class, new GoFloatSerializer());
        goFloats.addSerializer(double.class, new GoFloatSerializer());
        mapper.registerModule(goFloats);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        PRETTY = mapper.writer(printer);
        COMPACT = mapper.writer();
    }

    private JsonBody() {
    }

    static byte[] pretty(Object value) {
        return write(PRETTY, value);
    }

    static byte[] compact(Object value) {
        return write(COMPACT, value);
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
