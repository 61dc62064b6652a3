package io.wirehub.cli;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How natscli's {@code consumer next} and {@code consumer sub} show one delivered message. */
final class JsDeliveryPrinter {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private JsDeliveryPrinter() {
    }

    /** {@code consumer next}: the "[time] subj: ... / pending: ..." line, the headers, a blank line, the body. */
    static void next(PrintWriter out, Message m, boolean raw) {
        String body = body(m);
        if (raw) {
            out.println(body);
            return;
        }
        AckSubject meta = AckSubject.parse(m.getReplyTo());
        if (meta != null) {
            out.println(line(m, meta));
        } else if (m.getReplyTo() == null || m.getReplyTo().isEmpty()) {
            out.println("--- subject: " + m.getSubject());
        } else {
            out.println("--- subject: " + m.getSubject() + " reply: " + m.getReplyTo());
        }
        if (headers(out, m, "  ")) {
            out.println();
        }
        out.println();
        out.println(body);
    }

    /** {@code consumer sub}: the same line, the headers, the body followed by one blank line. */
    static void sub(PrintWriter out, Message m, boolean raw) {
        String body = body(m);
        if (raw) {
            out.println(body);
            return;
        }
        AckSubject meta = AckSubject.parse(m.getReplyTo());
        if (meta != null) {
            out.println(line(m, meta));
        } else {
            out.println("[" + LocalTime.now().format(CLOCK) + "] " + m.getSubject() + " reply: " + m.getReplyTo());
        }
        headers(out, m, "   ");
        out.println(body);
        if (!body.endsWith("\n")) {
            out.println();
        }
    }

    private static String line(Message m, AckSubject meta) {
        return String.format(Locale.ROOT, "[%s] subj: %s / tries: %d / cons seq: %d / str seq: %d / pending: %s",
                LocalTime.now().format(CLOCK), m.getSubject(), meta.delivered(), meta.consumerSequence(),
                meta.streamSequence(), NatsFormat.comma(meta.pending()));
    }

    /** Prints "Headers:" and each header, then "Data:"; false when the message has none. */
    private static boolean headers(PrintWriter out, Message m, String indent) {
        Headers headers = m.getHeaders();
        if (headers == null || headers.isEmpty()) {
            return false;
        }
        out.println();
        out.println("Headers:");
        out.println();
        for (String key : headers.keySet()) {
            for (String value : headers.get(key)) {
                out.println(indent + key + ": " + value);
            }
        }
        out.println();
        out.println("Data:");
        return true;
    }

    private static String body(Message m) {
        return new String(m.getData() == null ? new byte[0] : m.getData(), StandardCharsets.UTF_8);
    }
}
