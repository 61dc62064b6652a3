package io.wirehub.server.stats;

/**
 * What connections record for monitoring beyond the plain counters of {@link ServerStats}: latency
 * histograms and close reasons, request-reply timing, the busiest subjects, the closed-connection
 * log, per-transport totals, and where connects and disconnects are reported (system events). One per server.
 */
public record Observability(ServerMetrics metrics, RequestReplyTracker requests, BusiestSubjects busiestSubjects,
                            ClosedConnections closed, TransportTotals transports,
                            ConnectionEvents events) {

    public static Observability create(int maxClosedClients) {
        ServerMetrics metrics = new ServerMetrics();
        return new Observability(metrics, new RequestReplyTracker(metrics), new BusiestSubjects(),
                new ClosedConnections(maxClosedClients), new TransportTotals(), new ConnectionEvents());
    }
}
