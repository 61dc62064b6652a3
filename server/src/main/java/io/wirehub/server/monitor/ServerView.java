package io.wirehub.server.monitor;

import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.stats.AccountFigures;
import io.wirehub.server.stats.BusiestSubjects.SubjectCount;
import io.wirehub.server.stats.ConnectionActivity;
import io.wirehub.server.stats.ConnectionSnapshot;
import io.wirehub.server.stats.DatagramStats;
import io.wirehub.server.stats.JetStreamStats;
import io.wirehub.server.stats.LatencyCounts;
import io.wirehub.server.stats.ServerDescription;
import io.wirehub.server.stats.ServerTotals;
import io.wirehub.server.stats.SubjectIndexStats;
import io.wirehub.server.stats.SubscriptionSnapshot;
import io.wirehub.server.stats.TrafficTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the monitoring endpoints read from a running server: copies taken when asked (records of
 * the stats package) and the immutable config, nothing live that they could change or hold on to.
 */
public interface ServerView {

    ServerConfig config();

    ServerDescription description();

    /** The client port actually bound. */
    int clientPort();

    /** When the configuration in force was loaded (start or the last reload). */
    Instant configLoadedAt();

    boolean authRequired();

    ServerTotals totals();

    int connectionCount();

    /** Snapshots of the open connections, in no particular order. */
    List<ConnectionSnapshot> openConnections();

    /** Traffic counters of the open connections: cheaper than snapshots. */
    List<ConnectionActivity> connectionActivity();

    /** Snapshots of the last closed connections, oldest first. */
    List<ConnectionSnapshot> closedConnections();

    /** Bytes queued for all clients and not yet written. */
    long pendingBytes();

    int subscriptionCount();

    /** The subject indexes' figures, of every account together or of the one named. */
    SubjectIndexStats subscriptionStats(String accountOrNull);

    /** Every subscription (clients' and the server's own) of every account or of the one named. */
    List<SubscriptionSnapshot> subscriptions(String accountOrNull);

    /** Whether an account of that name exists. */
    boolean hasAccount(String name);

    /** Every account's figures, in the order they were configured ({@code $G} first). */
    List<AccountFigures> accounts();

    /** The system account's name, or null when there is none. */
    String systemAccount();

    LatencyCounts connectionSetupLatency();

    LatencyCounts requestReplyLatency();

    LatencyCounts roundTripLatency();

    /** Connections closed since start, by close reason, sorted by reason. */
    Map<String, Long> closesByReason();

    /** The most published subjects, busiest first. */
    List<SubjectCount> busiestSubjects(int count);

    /** Messages and bytes in and out by transport, closed connections included. */
    Map<String, TrafficTotals> transportTotals();

    /** The WebSocket port bound, or 0 when WebSocket is off. */
    int webSocketPort();

    /** JetStream's settings and counters, or null when JetStream is off. */
    JetStreamStats jetStream();

    /**
     * Copies of the JetStream-enabled accounts' figures (/jsz, /metrics, the dashboard), with their
     * streams and consumers when {@code withStreams}; empty when JetStream is off.
     */
    default List<io.wirehub.server.stats.JetStreamAccountDetail> jetStreamAccounts(boolean withStreams) {
        return List.of();
    }

    /** What happened to UDP datagrams, or null when UDP is off. */
    DatagramStats.Counts datagrams();

    /** Null when healthy; otherwise why not (starting, lame duck mode, shutting down). */
    String unhealthyReason();

    /** The leaf-node connections that are up (/leafz, /varz leafnodes). */
    default java.util.List<io.wirehub.server.stats.LeafConnectionSnapshot> leafConnections() {
        return java.util.List.of();
    }

    /** Leaf traffic per configured remote and per account of accepted spokes (/metrics). */
    default java.util.List<io.wirehub.server.stats.LeafLinkFigures> leafFigures() {
        return java.util.List.of();
    }
}
