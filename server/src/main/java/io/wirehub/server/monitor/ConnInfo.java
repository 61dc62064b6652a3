package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One connection in /connz, under nats-server's field names; empty fields are left out as there. */
record ConnInfo(
        @JsonProperty("cid") long cid,
        @JsonProperty("kind") String kind,
        @JsonProperty("type") String type,
        @JsonProperty("ip") String ip,
        @JsonProperty("port") int port,
        @JsonProperty("start") String start,
        @JsonProperty("last_activity") String lastActivity,
        @JsonProperty("stop") @JsonInclude(Include.NON_NULL) String stop,
        @JsonProperty("reason") @JsonInclude(Include.NON_EMPTY) String reason,
        @JsonProperty("rtt") @JsonInclude(Include.NON_EMPTY) String rtt,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("idle") String idle,
        @JsonProperty("pending_bytes") long pendingBytes,
        @JsonProperty("in_msgs") long inMessages,
        @JsonProperty("out_msgs") long outMessages,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("name") @JsonInclude(Include.NON_EMPTY) String name,
        @JsonProperty("lang") @JsonInclude(Include.NON_EMPTY) String lang,
        @JsonProperty("version") @JsonInclude(Include.NON_EMPTY) String version,
        @JsonProperty("authorized_user") @JsonInclude(Include.NON_EMPTY) String authorizedUser,
        @JsonProperty("subscriptions_list") @JsonInclude(Include.NON_EMPTY) List<String> subscriptionsList,
        @JsonProperty("subscriptions_list_detail") @JsonInclude(Include.NON_EMPTY) List<SubDetail> subscriptionsDetail) {
}
