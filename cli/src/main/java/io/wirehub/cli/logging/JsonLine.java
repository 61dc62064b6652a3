package io.wirehub.cli.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** One log event as one JSON object on one line ({@code --log-format json}). */
final class JsonLine {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonLine() {
    }

    static String format(Instant time, LogLevel level, long pid, String logger, String message, Throwable error) {
        StringWriter out = new StringWriter(128 + message.length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", time.toString());
            json.writeStringField("level", level.jsonName());
            json.writeNumberField("pid", pid);
            json.writeStringField("logger", logger);
            json.writeStringField("msg", message);
            if (error != null) {
                StringWriter trace = new StringWriter();
                error.printStackTrace(new java.io.PrintWriter(trace));
                json.writeStringField("error", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("formatting a log line in memory", e);
        }
        return out.append('\n').toString();
    }
}
