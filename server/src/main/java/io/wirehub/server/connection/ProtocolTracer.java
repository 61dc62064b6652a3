package io.wirehub.server.connection;

import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol tracing for {@code -V}: each op a client sends ({@code <<-}) and each the server sends
 * it ({@code ->>}), in nats-server's trace format, passwords and tokens redacted. Decided once per
 * connection, so with tracing off the only cost is a boolean test.
 */
final class ProtocolTracer {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolTracer.class);
    private static final Pattern SECRET = Pattern.compile("(\"(?:pass|auth_token|sig)\"\\s*:\\s*\")[^\"]*(\")");
    /** Payloads are shown up to this many bytes, as nats-server's max_traced_msg_len would. */
    private static final int MAX_TRACED_PAYLOAD = 256;

    private final boolean enabled = LOG.isTraceEnabled();
    private final Object connection;

    ProtocolTracer(Object connection) {
        this.connection = connection;
    }

    boolean enabled() {
        return enabled;
    }

    /** An op received, with its argument bytes. */
    void in(String op, byte[] buf, int offset, int length) {
        if (enabled) {
            String args = length <= 0 ? "" : " " + new String(buf, offset, length, StandardCharsets.ISO_8859_1);
            LOG.trace("{} - \"<<- [{}{}]\"", connection, op, redact(args));
        }
    }

    void inPayload(byte[] buf, int offset, int length) {
        if (enabled) {
            int shown = Math.min(length, MAX_TRACED_PAYLOAD);
            LOG.trace("{} - \"<<- MSG_PAYLOAD: [\\\"{}{}\\\"]\"", connection,
                    new String(buf, offset, shown, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n"),
                    shown < length ? "..." : "");
        }
    }

    /** A line the server queued for this client (without its CRLF). */
    void out(byte[] line) {
        if (enabled) {
            int end = line.length;
            while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
                end--;
            }
            LOG.trace("{} - \"->> [{}]\"", connection, new String(line, 0, end, StandardCharsets.ISO_8859_1));
        }
    }

    /** A message delivered to one of this client's subscriptions. */
    void outMessage(Subscription subscription, PublishedMessage message, boolean receiverHeaders) {
        if (!enabled) {
            return;
        }
        PublishArgs args = message.args();
        String reply = message.hasReply()
                ? " " + new String(args.line(), args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1) : "";
        boolean withHeaders = message.hasHeaders() && receiverHeaders;
        String sizes = withHeaders ? args.headerLength() + " " + args.totalLength()
                : Integer.toString(message.hasHeaders() ? message.payloadLength() : args.totalLength());
        LOG.trace("{} - \"->> [{}{} {}{} {}]\"", connection, withHeaders ? "HMSG " : "MSG ", message.subject(),
                subscription.sid(), reply, sizes);
    }

    private static String redact(String args) {
        return SECRET.matcher(args).replaceAll("$1[REDACTED]$2");
    }
}
