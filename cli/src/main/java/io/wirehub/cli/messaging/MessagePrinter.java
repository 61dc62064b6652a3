package io.wirehub.cli.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Prints received messages as natscli's {@code sub} does.
 *
 * <ul>
 *   <li>Pretty (the default): {@code [#N] Received on "subject"} (with the reply subject when
 *       there is one), the headers and a blank line when there are any, the body ({@code nil body}
 *       when empty) and a blank line; with {@code headersOnly}, no body.</li>
 *   <li>Raw: the body alone and a newline, so the output can be piped.</li>
 *   <li>Dump: each message as natscli's JSON ({@code Subject}, {@code Reply}, {@code Header},
 *       {@code Data} in base64), to {@code DIR/N.json} (a reply matched to it to
 *       {@code N_reply.json}), or to stdout ended by a NUL byte for {@code xargs -0}.</li>
 * </ul>
 */
public final class MessagePrinter {
    /** How a message is shown. */
    public enum Format { PRETTY, RAW, DUMP }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Format format;
    private final boolean headersOnly;
    /** Where dumps go; null for stdout. */
    private final Path dumpDirectory;

    public MessagePrinter(OutputStream out, Format format, boolean headersOnly, Path dumpDirectory) {
        this.out = out;
        this.format = format;
        this.headersOnly = headersOnly;
        this.dumpDirectory = dumpDirectory;
    }

    /** Prints message number {@code number}; {@code reply}, when not null, is the reply matched to it. */
    public void print(long number, Message message, Message reply) {
        try {
            switch (format) {
                case DUMP -> {
                    dump(message, number + ".json");
                    if (reply != null) {
                        dump(reply, number + "_reply.json");
                    }
                }
                case RAW -> {
                    body(message.getData());
                    if (reply != null) {
                        out.write(reply.getData() == null ? new byte[0] : reply.getData());
                        out.write('\n');
                    }
                }
                case PRETTY -> {
                    write("[#" + number + "] Received on \"" + message.getSubject() + "\""
                            + (message.getReplyTo() != null ? " with reply \"" + message.getReplyTo() + "\"" : "") + "\n");
                    pretty(message);
                    if (reply != null) {
                        write("[#" + number + "] Matched reply on \"" + reply.getSubject() + "\"\n");
                        pretty(reply);
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the message", e);
        }
    }

    private void pretty(Message message) throws IOException {
        if (message.hasHeaders() && !message.getHeaders().isEmpty()) {
            write(headerLines(message.getHeaders()) + "\n");
        }
        if (!headersOnly) {
            // natscli's outPutMSGBody: a blank line after the body, and one more unless the body ended in a newline.
            write(body(message.getData()) ? "\n" : "\n\n");
        }
    }

    /**
     * natscli's compact body: {@code nil body} when empty, else the body with a newline after it
     * unless it ends in one.
     *
     * @return whether the body itself ended in a newline
     */
    private boolean body(byte[] data) throws IOException {
        if (data == null || data.length == 0) {
            write("nil body\n");
            return false;
        }
        out.write(data);
        boolean endsWithNewline = data[data.length - 1] == '\n';
        if (!endsWithNewline) {
            out.write('\n');
        }
        return endsWithNewline;
    }

    private void dump(Message message, String fileName) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("Subject", message.getSubject());
        json.put("Reply", message.getReplyTo() == null ? "" : message.getReplyTo());
        if (message.hasHeaders() && !message.getHeaders().isEmpty()) {
            ObjectNode headers = json.putObject("Header");
            for (Map.Entry<String, List<String>> entry : message.getHeaders().entrySet()) {
                var values = headers.putArray(entry.getKey());
                entry.getValue().forEach(values::add);
            }
        } else {
            json.putNull("Header");
        }
        json.put("Data", message.getData() == null ? new byte[0] : message.getData());
        json.putNull("Sub");
        byte[] bytes = JSON.writeValueAsBytes(json);
        if (dumpDirectory == null) {
            out.write(bytes);
            out.write(0);
        } else {
            Files.write(dumpDirectory.resolve(fileName), bytes);
        }
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
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
