package io.wirehub.server.subject;

import java.nio.charset.StandardCharsets;

/**
 * Prefixes nats-server keeps for its own routing (service imports, gateways, JetStream acks).
 * A client may not publish to them or use them as reply subjects (PROTOCOL.md §6); Wirehub keeps
 * the same rule so applications behave the same on both servers.
 */
public final class ReservedSubjects {
    private static final byte[] SERVICE_REPLY = "_R_.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JETSTREAM_ACK = "$JS.ACK.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GATEWAY_ROUTED = "_GR_.".getBytes(StandardCharsets.US_ASCII);

    private ReservedSubjects() {
    }

    /** A publish subject under {@code _GR_.}: refused as a publish permission violation. */
    public static boolean isGatewayRouted(byte[] buf, int offset, int length) {
        return length > GATEWAY_ROUTED.length && startsWith(buf, offset, GATEWAY_ROUTED);
    }

    /** A reply subject under {@code _R_.}, {@code $JS.ACK.} or {@code _GR_.}. */
    public static boolean isReservedReply(byte[] buf, int offset, int length) {
        return (length >= SERVICE_REPLY.length && startsWith(buf, offset, SERVICE_REPLY))
                || (length > JETSTREAM_ACK.length && startsWith(buf, offset, JETSTREAM_ACK))
                || (length > GATEWAY_ROUTED.length && startsWith(buf, offset, GATEWAY_ROUTED));
    }

    private static boolean startsWith(byte[] buf, int offset, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (buf[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
