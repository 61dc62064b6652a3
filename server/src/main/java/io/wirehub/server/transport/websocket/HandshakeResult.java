package io.wirehub.server.transport.websocket;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** What the upgrade request earned: a 101 and the options it negotiated, or an HTTP error. */
public sealed interface HandshakeResult {

    /** The bytes to send the client: the 101, or the error response. */
    byte[] response();

    /**
     * The upgrade is accepted.
     *
     * @param response     the 101 Switching Protocols response
     * @param compression  permessage-deflate was negotiated (no context takeover either way)
     * @param noMasking    the client asked for {@code Nats-No-Masking: true}: it may send unmasked frames
     * @param browser      the User-Agent is a browser's: outbound frames stay within 4096 bytes
     * @param forwardedFor the first valid address of {@code X-Forwarded-For}, or null
     * @param path         the request path without its query, e.g. {@code /} or {@code /leafnode}
     */
    record Accepted(byte[] response, boolean compression, boolean noMasking, boolean browser,
                    InetAddress forwardedFor, String path) implements HandshakeResult {
    }

    /**
     * The upgrade is refused; the caller sends {@link #response()} and closes.
     *
     * @param status HTTP status: 400, 403, 405 or 431
     * @param reason what was wrong, also the response body
     */
    record Refused(int status, String reason) implements HandshakeResult {
        @Override
        public byte[] response() {
            byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + " " + statusText(status) + "\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + (status == 405 ? "Allow: GET\r\n" : "")
                    // As nats-server does on every refusal: tells a client with another version what we speak.
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }

        private static String statusText(int status) {
            return switch (status) {
                case 400 -> "Bad Request";
                case 403 -> "Forbidden";
                case 405 -> "Method Not Allowed";
                case 431 -> "Request Header Fields Too Large";
                default -> "Error";
            };
        }
    }
}
