package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the dashboard page polls every second (/dashboardz): totals now, per-second series for the
 * charts, latency percentiles, and the busiest subjects and connections. Rates and percentiles are
 * computed here, from the sampler's history, so the page only draws. JetStream consumers come
 * from a copy of JetStream's state taken per request.
 */
record Dashboard(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("server_name") String serverName,
        @JsonProperty("version") String version,
        @JsonProperty("now") String now,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("connections") int connections,
        @JsonProperty("total_connections") long totalConnections,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("slow_consumers") long slowConsumers,
        @JsonProperty("in_msgs") long inMessages,
        @JsonProperty("out_msgs") long outMessages,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("series") Series series,
        @JsonProperty("latency") List<Latency> latency,
        @JsonProperty("busiest_subjects") List<BusySubject> busiestSubjects,
        @JsonProperty("busiest_connections") List<BusyConnection> busiestConnections,
        @JsonProperty("consumers") List<ConsumerLag> consumers) {

    /**
     * One JetStream consumer: its lag (messages of its stream not yet delivered to it) and what it
     * holds unacknowledged. The page lists the most lagging first.
     */
    record ConsumerLag(
            @JsonProperty("account") String account,
            @JsonProperty("stream") String stream,
            @JsonProperty("consumer") String consumer,
            @JsonProperty("mode") String mode,
            @JsonProperty("lag") long lag,
            @JsonProperty("ack_pending") long ackPending,
            @JsonProperty("redelivered") long redelivered,
            @JsonProperty("waiting") long waiting) {
    }

    /** One point a second, oldest first; rates are per second over the second before the point. */
    record Series(
            @JsonProperty("time") List<Long> epochMillis,
            @JsonProperty("in_msgs_per_sec") List<Double> inMessagesPerSecond,
            @JsonProperty("out_msgs_per_sec") List<Double> outMessagesPerSecond,
            @JsonProperty("in_bytes_per_sec") List<Double> inBytesPerSecond,
            @JsonProperty("out_bytes_per_sec") List<Double> outBytesPerSecond,
            @JsonProperty("connections") List<Integer> connections,
            @JsonProperty("request_reply_p50_ms") List<Double> requestReplyP50Millis,
            @JsonProperty("request_reply_p99_ms") List<Double> requestReplyP99Millis) {
    }

    /**
     * Percentiles of one latency histogram in milliseconds: over the last few seconds ("recent",
     * null when nothing was observed then) and since start.
     */
    record Latency(
            @JsonProperty("name") String name,
            @JsonProperty("label") String label,
            @JsonProperty("window_seconds") int windowSeconds,
            @JsonProperty("recent_count") long recentCount,
            @JsonProperty("recent_p50_ms") Double recentP50,
            @JsonProperty("recent_p90_ms") Double recentP90,
            @JsonProperty("recent_p99_ms") Double recentP99,
            @JsonProperty("count") long count,
            @JsonProperty("p50_ms") Double p50,
            @JsonProperty("p90_ms") Double p90,
            @JsonProperty("p99_ms") Double p99) {
    }

    record BusySubject(@JsonProperty("subject") String subject, @JsonProperty("msgs") long messages) {
    }

    record BusyConnection(
            @JsonProperty("cid") long cid,
            @JsonProperty("name") String name,
            @JsonProperty("ip") String ip,
            @JsonProperty("port") int port,
            @JsonProperty("in_msgs_per_sec") double inMessagesPerSecond,
            @JsonProperty("out_msgs_per_sec") double outMessagesPerSecond,
            @JsonProperty("in_bytes_per_sec") double inBytesPerSecond,
            @JsonProperty("out_bytes_per_sec") double outBytesPerSecond,
            @JsonProperty("in_msgs") long inMessages,
            @JsonProperty("out_msgs") long outMessages) {
    }
}
