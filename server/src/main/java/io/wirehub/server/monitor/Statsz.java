package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wirehub.server.monitor.AccountDocuments.DataStats;

/**
 * nats-server's ServerStats: the "statsz" of the STATSZ event and of the PING answer. No routes,
 * gateways or JetStream here, so those fields (omitted when empty in Go) never appear; this
 * server is the only one it knows (active_servers 1).
 */
record Statsz(
        @JsonProperty("start") String start,
        @JsonProperty("mem") long mem,
        @JsonProperty("cores") int cores,
        @JsonProperty("cpu") double cpu,
        @JsonProperty("connections") int connections,
        @JsonProperty("total_connections") long totalConnections,
        @JsonProperty("active_accounts") int activeAccounts,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("sent") DataStats sent,
        @JsonProperty("received") DataStats received,
        @JsonProperty("slow_consumers") long slowConsumers,
        @JsonProperty("active_servers") int activeServers) {
}
