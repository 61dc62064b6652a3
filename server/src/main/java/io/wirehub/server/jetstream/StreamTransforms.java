package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.GoTime;
import io.wirehub.server.jetstream.api.StreamConfig;
import io.wirehub.server.subject.SubjectTransform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stream's two subject transforms, as nats-server 2.10 applies them: {@code subject_transform}
 * rewrites the subject of every incoming message it matches before anything else; {@code republish}
 * sends a copy of every stored message it matches to the transformed subject, with headers
 * Nats-Stream, Nats-Subject, Nats-Sequence, Nats-Time-Stamp and Nats-Last-Sequence appended (and
 * Nats-Msg-Size, without the payload, for headers_only).
 */
final class StreamTransforms {
    static final StreamTransforms NONE = new StreamTransforms(null, null, false);

    private final SubjectTransform input;
    private final SubjectTransform republish;
    private final boolean headersOnly;

    private StreamTransforms(SubjectTransform input, SubjectTransform republish, boolean headersOnly) {
        this.input = input;
        this.republish = republish;
        this.headersOnly = headersOnly;
    }

    /** The transforms of a validated config (validation has compiled both already). */
    static StreamTransforms of(StreamConfig config) {
        SubjectTransform in = null;
        StreamConfig.TransformConfig t = config.subjectTransform();
        if (t != null && !t.destination().isEmpty()) {
            in = SubjectTransform.of(t.source(), t.destination());
        }
        SubjectTransform out = null;
        boolean headersOnly = false;
        StreamConfig.Republish r = config.republish();
        if (r != null) {
            out = SubjectTransform.of(r.source().isEmpty() ? ">" : r.source(), r.destination());
            headersOnly = r.headersOnly();
        }
        return in == null && out == null ? NONE : new StreamTransforms(in, out, headersOnly);
    }

    /** The message under its transformed subject; unchanged when the transform does not match. */
    InboundMessage input(InboundMessage m) {
        if (input == null) {
            return m;
        }
        return input.match(m.subject())
                .map(subject -> new InboundMessage(subject, m.reply(), m.headers(), m.payload()))
                .orElse(m);
    }

    /** Where a stored message on {@code subject} is republished; null for nowhere. */
    String republishSubject(String subject) {
        return republish == null ? null : republish.match(subject).orElse(null);
    }

    /** The copy of a stored message that goes to {@code to}. */
    StreamIngest.Outgoing republish(String to, String stream, InboundMessage m, long seq, long timestampNanos,
                                    long previousOnSubject) {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        byte[] original = m.headers();
        if (original.length > 2) {
            headers.write(original, 0, original.length - 2);
        } else {
            headers.writeBytes("NATS/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        Instant ts = Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L),
                Math.floorMod(timestampNanos, 1_000_000_000L));
        StringBuilder added = new StringBuilder()
                .append("Nats-Stream: ").append(stream).append("\r\n")
                .append("Nats-Subject: ").append(m.subject()).append("\r\n")
                .append("Nats-Sequence: ").append(seq).append("\r\n")
                .append("Nats-Time-Stamp: ").append(GoTime.format(ts)).append("\r\n")
                .append("Nats-Last-Sequence: ").append(previousOnSubject).append("\r\n");
        if (headersOnly) {
            added.append("Nats-Msg-Size: ").append(m.payload().length).append("\r\n");
        }
        added.append("\r\n");
        headers.writeBytes(added.toString().getBytes(StandardCharsets.UTF_8));
        return new StreamIngest.Outgoing(to, headers.toByteArray(), headersOnly ? new byte[0] : m.payload());
    }
}
