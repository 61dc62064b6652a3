package io.wirehub.server.monitor;

import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.connection.ConnectionActivity;
import io.wirehub.server.connection.ConnectionSnapshot;
import io.wirehub.server.connection.Observability;
import io.wirehub.server.connection.ServerStats;
import io.wirehub.server.connection.TransportTotals;
import io.wirehub.server.routing.SubjectIndex;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the monitoring endpoints read from a running server: read-only views, nothing more. */
public interface ServerView {

    ServerConfig config();

    String serverId();

    String serverName();

    /** The client port actually bound. */
    int clientPort();

    Instant startedAt();

    /** When the configuration in force was loaded (start or the last reload). */
    Instant configLoadedAt();

    boolean authRequired();

    ServerStats stats();

    int connectionCount();

    /** Snapshots of the open connections, in no particular order. */
    List<ConnectionSnapshot> openConnections();

    /** Traffic counters of the open connections: cheaper than snapshots. */
    List<ConnectionActivity> connectionActivity();

    /** Snapshots of the last closed connections, oldest first. */
    List<ConnectionSnapshot> closedConnections();

    /** Bytes queued for all clients and not yet written. */
    long pendingBytes();

    SubjectIndex subscriptions();

    Observability observability();

    /** Messages and bytes in and out by transport, closed connections included. */
    Map<String, TransportTotals.Totals> transportTotals();

    /** The WebSocket port bound, or 0 when WebSocket is off. */
    default int webSocketPort() {
        return 0;
    }

    /** Bytes through the file service, or null when it is off. */
    default io.wirehub.server.files.FileTransferStats fileTransferStats() {
        return null;
    }

    /** What happened to UDP datagrams, or null when UDP is off. */
    default io.wirehub.server.transport.datagram.UdpStats udpStats() {
        return null;
    }

    /** Null when healthy; otherwise why not (starting, lame duck mode, shutting down). */
    String unhealthyReason();
}
