package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** /subsz: the subscription index's figures and optionally a page of subscriptions. */
record Subsz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") String now,
        @JsonProperty("num_subscriptions") int numSubscriptions,
        @JsonProperty("num_cache") int numCache,
        @JsonProperty("num_inserts") long numInserts,
        @JsonProperty("num_removes") long numRemoves,
        @JsonProperty("num_matches") long numMatches,
        @JsonProperty("cache_hit_rate") double cacheHitRate,
        @JsonProperty("max_fanout") int maxFanout,
        @JsonProperty("avg_fanout") double avgFanout,
        @JsonProperty("total") int total,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("subscriptions_list") @JsonInclude(Include.NON_EMPTY) List<SubDetail> subscriptions) {
}
