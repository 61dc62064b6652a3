package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.routing.ReplyInterest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One waiting pull request ({@code CONSUMER.MSG.NEXT}): read as nats-server reads it (an empty body
 * is a batch of 1, a plain integer the batch, else JSON {@code batch, expires, no_wait, max_bytes,
 * idle_heartbeat}), then counted down as the consumer delivers to it. Owned by the consumer's lock.
 */
final class PullRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body nats-server refuses, with the text of its {@code 400 Bad Request - …}. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    final String reply;
    /**
     * Whose interest keeps the request alive: the reply in this account, or for a request through a
     * service import the requester's own reply in its account (set when queued).
     */
    ReplyInterest interest;
    /** Messages still wanted. */
    int remaining;
    /** Bytes still allowed; 0 for no byte limit. */
    long bytesLeft;
    final boolean noWait;
    /** System.nanoTime() deadline; 0 for none. */
    final long expiresAt;
    final long heartbeatNanos;
    /** Next heartbeat due (System.nanoTime()); 0 for none. */
    long nextHeartbeat;
    int delivered;
    final long maxBytes;

    private PullRequest(String reply, int batch, long maxBytes, boolean noWait, long expiresAt, long heartbeatNanos,
                        long now) {
        this.reply = reply;
        this.remaining = batch;
        this.maxBytes = maxBytes;
        this.bytesLeft = maxBytes;
        this.noWait = noWait;
        this.expiresAt = expiresAt;
        this.heartbeatNanos = heartbeatNanos;
        this.nextHeartbeat = heartbeatNanos > 0 ? now + heartbeatNanos : 0;
    }

    /** Whether the requester still listens on its reply subject. */
    boolean hasInterest() {
        return interest.present();
    }

    /** Whether the reply leads to another account's requester (a service import's reply). */
    boolean tracked() {
        return !interest.subject().equals(reply);
    }

    /** The request's expiry in nanoseconds from now (0 for none), for the max_expires check. */
    long expiresIn(long now) {
        return expiresAt == 0 ? 0 : expiresAt - now;
    }

    static PullRequest parse(String reply, byte[] body, long now) throws BadRequest {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new PullRequest(reply, 1, 0, false, 0, 0, now);
        }
        if (text.charAt(0) != '{') {
            try {
                return new PullRequest(reply, Integer.parseInt(text), 0, false, 0, 0, now);
            } catch (NumberFormatException e) {
                return new PullRequest(reply, 1, 0, false, 0, 0, now);
            }
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new BadRequest("invalid character in JSON");
        }
        long batch = integer(node, "batch");
        long expires = integer(node, "expires");
        long maxBytes = integer(node, "max_bytes");
        long heartbeat = integer(node, "idle_heartbeat");
        JsonNode noWaitNode = field(node, "no_wait");
        if (noWaitNode != null && !noWaitNode.isBoolean()) {
            throw new BadRequest("json: cannot unmarshal " + noWaitNode.getNodeType().name().toLowerCase()
                    + " into Go struct field JSApiConsumerGetNextRequest.no_wait of type bool");
        }
        boolean noWait = noWaitNode != null && noWaitNode.booleanValue();
        if (heartbeat > 0 && heartbeat * 2 > expires) {
            throw new BadRequest("heartbeat value too large");
        }
        long expiresAt = expires == 0 ? 0 : now + expires;
        return new PullRequest(reply, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, batch)),
                maxBytes, noWait, expiresAt, Math.max(0, heartbeat), now);
    }

    private static JsonNode field(JsonNode node, String name) {
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().isNull() ? null : e.getValue();
            }
        }
        return null;
    }

    private static long integer(JsonNode node, String name) throws BadRequest {
        JsonNode v = field(node, name);
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadRequest("json: cannot unmarshal " + (v.isNumber() ? "number" : v.getNodeType().name()
                    .toLowerCase()) + " into Go struct field JSApiConsumerGetNextRequest." + name + " of type "
                    + (name.equals("batch") || name.equals("max_bytes") ? "int" : "time.Duration"));
        }
        return v.longValue();
    }
}
