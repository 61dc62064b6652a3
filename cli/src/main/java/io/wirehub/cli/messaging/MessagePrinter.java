package io.wirehub.cli.messaging;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Prints received messages as the nats CLI does: {@code [#N] Received on "subject"} (with the
 * reply subject when there is one), the headers when asked, the body, a blank line. With
 * {@code raw}, only the body and a newline, so the output can be piped.
 */
public final class MessagePrinter {
    private final OutputStream out;
    private final boolean raw;
    private final boolean headers;

    public MessagePrinter(OutputStream out, boolean raw, boolean headers) {
        this.out = out;
        this.raw = raw;
        this.headers = headers;
    }

    public void print(long number, Message message) {
        try {
            if (!raw) {
                String line = "[#" + number + "] Received on \"" + message.getSubject() + "\""
                        + (message.getReplyTo() != null ? " with reply \"" + message.getReplyTo() + "\"" : "") + "\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                if (headers && message.hasHeaders()) {
                    out.write(headerLines(message.getHeaders()).getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] data = message.getData();
            out.write(data == null ? new byte[0] : data);
            out.write(raw ? "\n".getBytes(StandardCharsets.UTF_8) : "\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to stdout", e);
        }
    }

    private static String headerLines(Headers headers) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            for (String value : entry.getValue()) {
                text.append(entry.getKey()).append(": ").append(value).append('\n');
            }
        }
        return text.toString();
    }
}
