package io.wirehub.cli.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * A message body as the nats CLI takes it: the argument, or all of stdin when there is none, with
 * {@code {{Count}}} (1-based message number), {@code {{Time}}} (HH:mm:ss), {@code {{TimeStamp}}}
 * (RFC 3339) and {@code {{Unix}}} (seconds) filled in per message.
 */
public final class MessageBody {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final byte[] raw;
    /** Whether the body holds any template at all: most do not, and are sent as is. */
    private final boolean templated;

    private MessageBody(byte[] raw) {
        this.raw = raw;
        this.templated = new String(raw, StandardCharsets.UTF_8).contains("{{");
    }

    /** The argument's bytes, or stdin to its end when the argument is absent. */
    public static MessageBody of(String argument, InputStream stdin) {
        if (argument != null) {
            return new MessageBody(argument.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return new MessageBody(stdin.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the message body from stdin", e);
        }
    }

    /** The body of message number {@code count} (1-based). */
    public byte[] render(long count) {
        if (!templated) {
            return raw;
        }
        Instant now = Instant.now();
        String text = new String(raw, StandardCharsets.UTF_8)
                .replace("{{Count}}", Long.toString(count))
                .replace("{{Time}}", LocalTime.now().format(TIME))
                .replace("{{TimeStamp}}", now.toString())
                .replace("{{Unix}}", Long.toString(now.getEpochSecond()));
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
