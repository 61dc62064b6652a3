package io.wirehub.server.stats;

/**
 * The traffic of one configured remote (over all its connections so far), or of all spokes bound
 * to one account on this server's leafnode port, for /metrics.
 *
 * @param remote      the remote's first URL as host:port (no credentials), or "spokes" for the
 *                    links this server accepted
 * @param account     the local account the links are bound to
 * @param connections links up now (0 or 1 for a remote)
 * @param connects    links established since start
 */
public record LeafLinkFigures(String remote, String account, int connections, long connects, long inMessages,
                              long outMessages, long inBytes, long outBytes) {
}
