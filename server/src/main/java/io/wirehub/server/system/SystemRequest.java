package io.wirehub.server.system;

import io.wirehub.server.config.PermissionsConfig;
import io.wirehub.server.stats.ConnectionSnapshot;

/**
 * One request to the system service, copied off the publisher's buffers.
 *
 * @param account   the account it was published in (the system account, or one whose exported
 *                  system subjects were used)
 * @param headers   the header block, or null without headers
 * @param requester the publishing client as it is now, or null for a publisher inside the server
 */
public record SystemRequest(String subject, String reply, byte[] headers, byte[] payload, String account,
                            Requester requester) {

    /**
     * Who sent a request.
     *
     * @param permissions the user's permissions as configured, or null when the user has none
     */
    public record Requester(ConnectionSnapshot client, PermissionsConfig permissions) {
    }

    /** Whether the body carries options (nats-server reads options only from a non-empty body). */
    public boolean hasBody() {
        return payload.length > 0;
    }
}
