package io.wirehub.cli.messaging;

import io.nats.client.NUID;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message body as the nats CLI takes it: the argument, or all of stdin when there is none, with
 * natscli's template functions filled in per message, written as Go templates are
 * ({@code {{Count}}}, {@code {{ Count }}}, {@code {{- Count -}}} trimming the white space beside it):
 *
 * <ul>
 *   <li>{@code Count} (or {@code Cnt}): the message's number, from 1;</li>
 *   <li>{@code ID}: a fresh NUID;</li>
 *   <li>{@code Unix}, {@code UnixNano}: the time in seconds, in nanoseconds;</li>
 *   <li>{@code TimeStamp}: RFC 3339 to the second; {@code Time}: Go's kitchen time ({@code 3:04PM});</li>
 *   <li>{@code Random MIN MAX}: a random string of MIN to MAX letters and digits.</li>
 * </ul>
 *
 * The fields natscli offers beside the functions ({@code {{.Count}}}, {@code {{.Unix}}}...) work
 * too. A body whose template does not parse (an unknown function, wrong arguments) is sent as it
 * is, with a warning ({@link #templateError}), as natscli does.
 */
public final class MessageBody {
    /** {@code {{}}, an optional trim mark, a name, integer arguments, an optional trim mark, {@code }}}. */
    private static final Pattern ACTION = Pattern.compile("\\{\\{(-\\s)?\\s*\\.?([A-Za-z][A-Za-z0-9]*)((?:\\s+-?\\d+)*)\\s*(\\s-)?}}");
    private static final DateTimeFormatter KITCHEN = DateTimeFormatter.ofPattern("h:mma", Locale.ROOT);
    /** Go's time.RFC3339: seconds are always written, even when they are zero (ISO-8601 toString drops them). */
    private static final DateTimeFormatter RFC_3339_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final char[] RANDOM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    /** A piece of the body: literal text, or a function to call. */
    private sealed interface Part permits Text, Call {
    }

    private record Text(String text) implements Part {
    }

    private record Call(String function, long[] arguments) implements Part {
    }

    private final byte[] raw;
    /** Null when the body holds no template (most do not) or one that did not parse: sent as is. */
    private final List<Part> parts;
    /** Why the template did not parse, in Go's words; null when it did or there was none. */
    private final String templateError;

    private MessageBody(byte[] raw) {
        this.raw = raw;
        String text = new String(raw, StandardCharsets.UTF_8);
        List<Part> parsed = null;
        String error = null;
        if (text.contains("{{")) {
            try {
                parsed = parse(text);
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        this.parts = parsed;
        this.templateError = error;
    }

    /** Why the body's template did not parse (the body is then sent as is), or null. */
    public String templateError() {
        return templateError;
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

    private static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher action = ACTION.matcher(text);
        int at = 0;
        while (action.find()) {
            String before = text.substring(at, action.start());
            if (action.group(1) != null) {
                before = before.stripTrailing();
            }
            parts.add(new Text(before));
            String[] words = action.group(3).trim().isEmpty() ? new String[0] : action.group(3).trim().split("\\s+");
            long[] arguments = new long[words.length];
            for (int i = 0; i < words.length; i++) {
                arguments[i] = Long.parseLong(words[i]);
            }
            Call call = new Call(action.group(2), arguments);
            check(call);
            parts.add(call);
            at = action.end();
            if (action.group(4) != null) {
                while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                    at++;
                }
            }
        }
        parts.add(new Text(text.substring(at)));
        return parts;
    }

    private static void check(Call call) {
        int wanted = switch (call.function()) {
            case "Count", "Cnt", "ID", "Unix", "UnixNano", "TimeStamp", "Time" -> 0;
            case "Random" -> 2;
            default -> throw new IllegalArgumentException("template: body: function \"" + call.function()
                    + "\" not defined");
        };
        if (call.arguments().length != wanted) {
            throw new IllegalArgumentException("template: body: wrong number of args for " + call.function()
                    + ": want " + wanted + " got " + call.arguments().length);
        }
    }

    /** The body of message number {@code count} (1-based). */
    public byte[] render(long count) {
        if (parts == null) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length + 32);
        for (Part part : parts) {
            switch (part) {
                case Text text -> out.append(text.text());
                case Call call -> out.append(call(call, count));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String call(Call call, long count) {
        return switch (call.function()) {
            case "Count", "Cnt" -> Long.toString(count);
            case "ID" -> NUID.nextGlobal();
            case "Unix" -> Long.toString(System.currentTimeMillis() / 1000);
            case "UnixNano" -> {
                var now = java.time.Instant.now();
                yield Long.toString(now.getEpochSecond() * 1_000_000_000L + now.getNano());
            }
            case "TimeStamp" -> rfc3339(OffsetDateTime.now());
            case "Time" -> OffsetDateTime.now().format(KITCHEN).replace("am", "AM").replace("pm", "PM");
            case "Random" -> random(call.arguments()[0], call.arguments()[1]);
            default -> throw new IllegalStateException("checked at parse: " + call.function());
        };
    }

    /** natscli's RandomString: MIN to MAX characters (the bounds swapped if given the wrong way round). */
    private static String random(long shortest, long longest) {
        long low = Math.max(0, Math.min(shortest, longest));
        long high = Math.max(0, Math.max(shortest, longest));
        int length = (int) Math.min(1 << 20, low + ThreadLocalRandom.current().nextLong(high - low + 1));
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = RANDOM[ThreadLocalRandom.current().nextInt(RANDOM.length)];
        }
        return new String(chars);
    }

    /** Go's time.RFC3339 layout, as natscli's {{TimeStamp}} writes it. */
    static String rfc3339(OffsetDateTime time) {
        return time.format(RFC_3339_SECONDS);
    }
}
