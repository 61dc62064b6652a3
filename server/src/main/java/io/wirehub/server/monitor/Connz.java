package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** /connz: one page of connections (nats-server's Connz). */
record Connz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") String now,
        @JsonProperty("num_connections") int numConnections,
        @JsonProperty("total") int total,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("connections") List<ConnInfo> connections) {
}
