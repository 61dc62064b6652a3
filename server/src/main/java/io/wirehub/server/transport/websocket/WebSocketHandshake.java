package io.wirehub.server.transport.websocket;

import io.wirehub.server.transport.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server side of the RFC 6455 opening handshake, checked as nats-server checks it
 * (PROTOCOL.md §12): reads the upgrade request within a byte cap, validates it, and builds the
 * 101 or the HTTP error. Stateless apart from the settings: one instance serves a listener.
 */
public final class WebSocketHandshake {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};

    private final WebSocketSettings settings;
    private final OriginPolicy origins;

    public WebSocketHandshake(WebSocketSettings settings) {
        this.settings = settings;
        this.origins = new OriginPolicy(settings.sameOrigin(), settings.allowedOrigins());
    }

    /**
     * The whole handshake for a new connection: reads the request, answers it (101 or error) and
     * returns what was decided. The transport is closed if it takes longer than the handshake
     * timeout, which then fails the read with a {@link WebSocketHandshakeException}. After a
     * {@link HandshakeResult.Refused} the caller closes the transport.
     */
    public HandshakeResult perform(Transport transport, ScheduledExecutorService timer) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            timedOut.set(true);
            transport.close();
        }, settings.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            HandshakeResult result = read(transport);
            respond(transport, result);
            return result;
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new WebSocketHandshakeException("WebSocket handshake timeout", e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Reads the upgrade request, never more than {@code maxHandshakeBytes}, and decides. Writes
     * nothing. The caller bounds the time it takes (see {@link #perform}).
     *
     * @throws EOFException when the client closes before the request is complete
     */
    public HandshakeResult read(Transport transport) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(settings.maxHandshakeBytes());
        int scanned = 0;
        while (buffer.hasRemaining()) {
            if (transport.read(buffer) < 0) {
                throw new EOFException("connection closed during the WebSocket handshake");
            }
            int end = indexOf(buffer.array(), Math.max(0, scanned - 3), buffer.position());
            scanned = buffer.position();
            if (end >= 0) {
                if (end + BLANK_LINE.length < buffer.position()) {
                    // Frames may only follow our 101; a client that does not wait is not one we know.
                    return new HandshakeResult.Refused(400, "client sent data before handshake is complete");
                }
                return evaluate(buffer.array(), end, transport.tls() != null);
            }
        }
        return new HandshakeResult.Refused(431, "request headers too large");
    }

    /** Sends the result's response: the 101, or the error page. */
    public static void respond(Transport transport, HandshakeResult result) throws IOException {
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(result.response())}, 0, 1);
    }

    private HandshakeResult evaluate(byte[] bytes, int length, boolean tls) {
        UpgradeRequest request;
        try {
            request = UpgradeRequest.parse(bytes, length);
        } catch (IllegalArgumentException e) {
            return new HandshakeResult.Refused(400, e.getMessage());
        }
        return evaluate(request, tls);
    }

    /**
     * Validates a parsed request in the order of RFC 6455 §4.2.1 (nats-server's order and texts).
     *
     * @param tls whether it came over TLS, which sets the default port of its Host header
     */
    public HandshakeResult evaluate(UpgradeRequest request, boolean tls) {
        if (!request.method().equals("GET")) {
            return new HandshakeResult.Refused(405, "request method must be GET");
        }
        String host = request.header("Host");
        if (host == null || host.isEmpty()) {
            return new HandshakeResult.Refused(400, "'Host' missing in request");
        }
        if (!request.headerHasToken("Upgrade", "websocket")) {
            return new HandshakeResult.Refused(400, "invalid value for header 'Upgrade'");
        }
        if (!request.headerHasToken("Connection", "Upgrade")) {
            return new HandshakeResult.Refused(400, "invalid value for header 'Connection'");
        }
        String key = request.header("Sec-WebSocket-Key");
        if (key == null || key.isEmpty()) {
            return new HandshakeResult.Refused(400, "key missing");
        }
        if (!isValidKey(key)) {
            return new HandshakeResult.Refused(400, "invalid key");
        }
        if (!request.headerHasToken("Sec-WebSocket-Version", "13")) {
            return new HandshakeResult.Refused(400, "invalid version");
        }
        String origin = request.header("Origin");
        String refusal = origins.refusal(origin != null ? origin : request.header("Sec-WebSocket-Origin"), host, tls);
        if (refusal != null) {
            return new HandshakeResult.Refused(403, "origin not allowed: " + refusal);
        }
        // Sec-WebSocket-Protocol is neither checked nor echoed: jnats sends "nats" and ignores the reply.
        boolean compression = settings.compression()
                && request.offersExtension("Sec-WebSocket-Extensions", "permessage-deflate");
        String noMaskingHeader = request.header("Nats-No-Masking");
        boolean noMasking = noMaskingHeader != null && noMaskingHeader.equalsIgnoreCase("true");
        String agent = request.header("User-Agent");
        boolean browser = agent != null && agent.startsWith("Mozilla/");
        String target = request.target();
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        return new HandshakeResult.Accepted(switchingProtocols(key, compression, noMasking), compression, noMasking,
                browser, forwardedFor(request.header("X-Forwarded-For")), path);
    }

    private static byte[] switchingProtocols(String key, boolean compression, boolean noMasking) {
        String response = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n"
                + (compression ? "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                        + "client_no_context_takeover\r\n" : "")
                + (noMasking ? "Nats-No-Masking: true\r\n" : "")
                + "\r\n";
        return response.getBytes(StandardCharsets.US_ASCII);
    }

    /** base64(SHA-1(key + GUID)), RFC 6455 §4.2.2. */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The first entry of X-Forwarded-For when it is an IP literal; never a DNS lookup. */
    static InetAddress forwardedFor(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma < 0 ? header : header.substring(0, comma)).strip();
        if (!isIpLiteral(first)) {
            return null;
        }
        try {
            // A literal (checked above) is parsed, not looked up.
            return InetAddress.getByName(first);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpLiteral(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        if (text.indexOf(':') >= 0) {
            // IPv6, perhaps with an embedded IPv4 tail; InetAddress rejects malformed ones.
            return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        outer:
        for (int i = from; i + BLANK_LINE.length <= to; i++) {
            for (int j = 0; j < BLANK_LINE.length; j++) {
                if (bytes[i + j] != BLANK_LINE[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
