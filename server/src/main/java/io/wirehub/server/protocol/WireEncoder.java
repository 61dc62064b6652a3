package io.wirehub.server.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Everything the server writes to a client, in one place (PROTOCOL.md §2.2): PING, PONG, +OK,
 * -ERR, INFO, MSG/HMSG, and status messages (a header block with a status code and no payload).
 * Fixed lines are constants; the rest is written into a {@link ByteSink}, or returned as an array
 * for a line queued whole.
 *
 * <p>MSG size digits are echoed as the publisher wrote them, as nats-server does (a client that
 * sends {@code 05} receives {@code 05}); only a size Wirehub computes itself (headers stripped for
 * a client without header support) is rendered.
 */
public final class WireEncoder {
    public static final byte[] PING = ascii("PING\r\n");
    public static final byte[] PONG = ascii("PONG\r\n");
    public static final byte[] OK = ascii("+OK\r\n");
    /** The status of a request that reached no subscriber (PROTOCOL.md §7). */
    public static final int NO_RESPONDERS = 503;

    private static final byte[] MSG = ascii("MSG ");
    private static final byte[] HMSG = ascii("HMSG ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] HEADER_VERSION = ascii("NATS/1.0");
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private WireEncoder() {
    }

    /** {@code -ERR '<text>'CRLF}, exactly as nats-server writes it. */
    public static byte[] err(String text) {
        return ("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The INFO line for one connection: the listener's fields, then the connection's own, in
     * nats-server's order, with the space before CRLF that nats-server writes.
     *
     * @param nonce        null unless the connection must sign a challenge
     * @param authRequired whether the client must send credentials (false with no_auth_user)
     * @param lameDuck     true for the lame-duck notice
     */
    public static byte[] info(ServerInfo server, long clientId, String clientIp, String nonce, boolean authRequired,
                              boolean lameDuck) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        out.writeBytes(ascii("INFO "));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("server_id", server.serverId());
            json.writeStringField("server_name", server.serverName());
            json.writeStringField("version", ServerInfo.PROTOCOL_VERSION);
            json.writeNumberField("proto", 1);
            json.writeStringField("go", server.runtime());
            json.writeStringField("host", server.host());
            json.writeNumberField("port", server.port());
            json.writeBooleanField("headers", server.headers());
            if (authRequired) {
                json.writeBooleanField("auth_required", true);
            }
            if (server.tlsRequired()) {
                json.writeBooleanField("tls_required", true);
            }
            if (server.tlsVerify()) {
                json.writeBooleanField("tls_verify", true);
            }
            if (server.tlsAvailable()) {
                json.writeBooleanField("tls_available", true);
            }
            json.writeNumberField("max_payload", server.maxPayload());
            if (server.jetstream()) {
                json.writeBooleanField("jetstream", true);
            }
            json.writeNumberField("client_id", clientId);
            json.writeStringField("client_ip", clientIp);
            if (nonce != null) {
                json.writeStringField("nonce", nonce);
            }
            if (!server.domain().isEmpty()) {
                json.writeStringField("domain", server.domain());
            }
            if (lameDuck) {
                json.writeBooleanField("ldm", true);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering INFO into memory", e);
        }
        out.writeBytes(ascii(" \r\n"));
        return out.toByteArray();
    }

    /**
     * Writes one message as a receiver with this sid gets it: MSG, or HMSG when it has headers and
     * the receiver negotiated them; a receiver without header support gets the payload alone. The
     * whole frame is reserved first: one pass, since this runs once per delivery.
     *
     * @param data       the header block and payload, back to back
     * @param dataOffset where the header block (or, without headers, the payload) starts
     * @return the payload bytes counted as delivered (headers included when sent), or -1 when the
     *         sink refused the frame
     */
    public static int writeMessage(ByteSink sink, PublishArgs message, byte[] data, int dataOffset, byte[] sid,
                                   boolean receiverHeaders) {
        boolean withHeaders = message.headerLength() > 0 && receiverHeaders;
        boolean stripHeaders = message.headerLength() > 0 && !receiverHeaders;
        int bodyOffset = dataOffset + (stripHeaders ? message.headerLength() : 0);
        int bodyLength = stripHeaders ? message.totalLength() - message.headerLength() : message.totalLength();
        int lineLength = (withHeaders ? HMSG.length : MSG.length) + message.subjectLength() + 1 + sid.length + 1
                + (message.replyLength() >= 0 ? message.replyLength() + 1 : 0)
                + (withHeaders ? message.headerSizeLength() + 1 : 0)
                + (stripHeaders ? Ascii.digits(bodyLength) : message.totalSizeLength())
                + CRLF.length;
        if (!sink.reserve(lineLength + bodyLength + CRLF.length)) {
            return -1;
        }
        byte[] line = message.line();
        sink.put(withHeaders ? HMSG : MSG);
        sink.put(line, message.subjectOffset(), message.subjectLength());
        sink.put((byte) ' ');
        sink.put(sid);
        sink.put((byte) ' ');
        if (message.replyLength() >= 0) {
            sink.put(line, message.replyOffset(), message.replyLength());
            sink.put((byte) ' ');
        }
        if (withHeaders) {
            sink.put(line, message.headerSizeOffset(), message.headerSizeLength());
            sink.put((byte) ' ');
        }
        if (stripHeaders) {
            putDigits(sink, bodyLength);
        } else {
            sink.put(line, message.totalSizeOffset(), message.totalSizeLength());
        }
        sink.put(CRLF);
        sink.put(data, bodyOffset, bodyLength);
        sink.put(CRLF);
        return bodyLength;
    }

    /**
     * A header block carrying only a status: {@code NATS/1.0 503\r\n\r\n}, or with a description
     * {@code NATS/1.0 408 Request Timeout\r\n\r\n}.
     *
     * @param description null for none
     */
    public static byte[] statusHeader(int code, String description) {
        ByteArraySink sink = new ByteArraySink(32 + (description == null ? 0 : description.length() * 3));
        sink.put(HEADER_VERSION);
        sink.put((byte) ' ');
        putDigits(sink, code);
        if (description != null && !description.isEmpty()) {
            sink.put((byte) ' ');
            sink.put(description.getBytes(StandardCharsets.UTF_8));
        }
        sink.put(CRLF);
        sink.put(CRLF);
        return sink.toByteArray();
    }

    /**
     * A status message for one subscription: {@code HMSG <subject> <sid> <n> <n>} and a header
     * block holding only the status (what no-responders sends to the requester's own inbox).
     */
    public static byte[] statusMessage(String subject, byte[] sid, int code) {
        byte[] header = statusHeader(code, null);
        byte[] subjectBytes = subject.getBytes(StandardCharsets.ISO_8859_1);
        int digits = Ascii.digits(header.length);
        ByteArraySink sink = new ByteArraySink(HMSG.length + subjectBytes.length + sid.length + 2 * digits + 5
                + header.length + 2 * CRLF.length);
        sink.put(HMSG);
        sink.put(subjectBytes);
        sink.put((byte) ' ');
        sink.put(sid);
        sink.put((byte) ' ');
        putDigits(sink, header.length);
        sink.put((byte) ' ');
        putDigits(sink, header.length);
        sink.put(CRLF);
        sink.put(header);
        sink.put(CRLF);
        return sink.toByteArray();
    }

    /** Writes the decimal digits of a non-negative value. */
    static void putDigits(ByteSink sink, long value) {
        long divisor = 1;
        while (value / divisor >= 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            sink.put((byte) ('0' + (value / divisor) % 10));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
