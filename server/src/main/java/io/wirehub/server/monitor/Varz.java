package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * /varz under nats-server's field names and order (PROTOCOL.md §13), so nats-top, the Prometheus
 * exporter and health checks built for nats-server read it. Durations that nats-server writes as
 * Go nanoseconds stay nanoseconds; times are RFC 3339 UTC.
 */
@JsonPropertyOrder(alphabetic = false)
record Varz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("server_name") String serverName,
        @JsonProperty("version") String version,
        @JsonProperty("wirehub_version") String wirehubVersion,
        @JsonProperty("proto") int proto,
        @JsonProperty("go") String go,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("auth_required") @JsonInclude(Include.NON_DEFAULT) boolean authRequired,
        @JsonProperty("tls_required") @JsonInclude(Include.NON_DEFAULT) boolean tlsRequired,
        @JsonProperty("tls_verify") @JsonInclude(Include.NON_DEFAULT) boolean tlsVerify,
        @JsonProperty("max_connections") int maxConnections,
        @JsonProperty("max_subscriptions") @JsonInclude(Include.NON_DEFAULT) int maxSubscriptions,
        @JsonProperty("ping_interval") long pingIntervalNanos,
        @JsonProperty("ping_max") int pingMax,
        @JsonProperty("http_host") String httpHost,
        @JsonProperty("http_port") int httpPort,
        @JsonProperty("http_base_path") String httpBasePath,
        @JsonProperty("https_port") int httpsPort,
        @JsonProperty("auth_timeout") double authTimeoutSeconds,
        @JsonProperty("max_control_line") int maxControlLine,
        @JsonProperty("max_payload") int maxPayload,
        @JsonProperty("max_pending") long maxPending,
        @JsonProperty("cluster") Map<String, Object> cluster,
        @JsonProperty("gateway") Map<String, Object> gateway,
        @JsonProperty("leaf") Map<String, Object> leaf,
        @JsonProperty("mqtt") Map<String, Object> mqtt,
        @JsonProperty("websocket") Map<String, Object> websocket,
        @JsonProperty("jetstream") Map<String, Object> jetstream,
        @JsonProperty("tls_timeout") double tlsTimeoutSeconds,
        @JsonProperty("write_deadline") long writeDeadlineNanos,
        @JsonProperty("start") String start,
        @JsonProperty("now") String now,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("mem") long memoryBytes,
        @JsonProperty("memory_limit") @JsonInclude(Include.NON_DEFAULT) long memoryLimit,
        @JsonProperty("cores") int cores,
        @JsonProperty("gomaxprocs") int maxProcs,
        @JsonProperty("cpu") double cpuPercent,
        @JsonProperty("connections") int connections,
        @JsonProperty("total_connections") long totalConnections,
        @JsonProperty("routes") int routes,
        @JsonProperty("remotes") int remotes,
        @JsonProperty("leafnodes") int leafnodes,
        @JsonProperty("in_msgs") long inMessages,
        @JsonProperty("out_msgs") long outMessages,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("slow_consumers") long slowConsumers,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("http_req_stats") Map<String, Long> httpRequests,
        @JsonProperty("config_load_time") String configLoadTime,
        @JsonProperty("system_account") @JsonInclude(Include.NON_EMPTY) String systemAccount,
        @JsonProperty("slow_consumer_stats") Map<String, Long> slowConsumerStats) {
}
