package io.wirehub.server.transport.websocket;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's half of an RFC 6455 upgrade, as nats-server's leaf node sends it to a hub's
 * {@code /leafnode} (leafnode.go leafNodeSolicitWSConnection): a GET with a random key, asking for
 * {@code Nats-No-Masking} and permessage-deflate when configured, and a 101 whose accept key
 * matches. Reads the response one byte at a time so that nothing after it (the hub's INFO frame)
 * is consumed here.
 */
public final class WebSocketDial {
    /** The longest response head read before giving up. */
    private static final int MAX_RESPONSE_HEAD = 8192;

    /**
     * What the server agreed to.
     *
     * @param noMasking   the server answered {@code Nats-No-Masking: true}: frames may go unmasked
     * @param compression the server agreed to permessage-deflate
     */
    public record Upgraded(boolean noMasking, boolean compression) {
    }

    private WebSocketDial() {
    }

    /**
     * Sends the upgrade request and reads the response.
     *
     * @param hostPort    the Host header ({@code host:port})
     * @param path        the request path, e.g. {@code /leafnode}
     * @param noMasking   ask the server to accept unmasked frames
     * @param compression offer permessage-deflate (without context takeover either way)
     * @throws IOException {@code invalid websocket connection} when the answer is not a valid 101
     */
    public static Upgraded upgrade(InputStream in, OutputStream out, String hostPort, String path,
                                   boolean noMasking, boolean compression) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostPort + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (compression ? "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                        + "client_no_context_takeover\r\n" : "")
                + (noMasking ? "Nats-No-Masking: true\r\n" : "")
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        boolean upgraded = status.length >= 2 && status[1].equals("101");
        String upgrade = null;
        String connection = null;
        String accept = null;
        String extensions = null;
        String masking = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-accept" -> accept = value;
                case "sec-websocket-extensions" -> extensions = value;
                case "nats-no-masking" -> masking = value;
                default -> {
                    // not needed
                }
            }
        }
        if (!upgraded || !"websocket".equalsIgnoreCase(upgrade) || !"upgrade".equalsIgnoreCase(connection)
                || !WebSocketHandshake.acceptKey(key).equals(accept)) {
            throw new IOException("invalid websocket connection" + (upgraded ? "" : " (" + lines[0] + ")"));
        }
        boolean compressed = false;
        if (compression && extensions != null && extensions.toLowerCase(Locale.ROOT).contains("permessage-deflate")) {
            String lower = extensions.toLowerCase(Locale.ROOT);
            if (!lower.contains("server_no_context_takeover") || !lower.contains("client_no_context_takeover")) {
                throw new IOException("compression negotiation error");
            }
            compressed = true;
        }
        return new Upgraded(noMasking && "true".equalsIgnoreCase(masking), compressed);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("invalid websocket connection (closed before the response ended)");
            }
            head.append((char) b);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n'
                    && head.charAt(n - 4) == '\r') {
                head.setLength(n - 4);
                return head.toString();
            }
            if (n > MAX_RESPONSE_HEAD) {
                throw new IOException("invalid websocket connection (response head too long)");
            }
        }
    }
}
