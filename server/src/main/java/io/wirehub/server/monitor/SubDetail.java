package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wirehub.server.stats.SubscriptionSnapshot;

/** One subscription in /connz?subs=detail and /subsz?subs=1 (nats-server's SubDetail). */
record SubDetail(
        @JsonProperty("account") String account,
        @JsonProperty("subject") String subject,
        @JsonProperty("qgroup") @JsonInclude(Include.NON_EMPTY) String queue,
        @JsonProperty("sid") String sid,
        @JsonProperty("msgs") long messages,
        @JsonProperty("max") @JsonInclude(Include.NON_DEFAULT) long max,
        @JsonProperty("cid") long cid) {

    /** nats-server's default account, for a subscription whose account is not known yet. */
    static final String GLOBAL_ACCOUNT = "$G";

    static SubDetail of(SubscriptionSnapshot s) {
        return new SubDetail(s.account() == null ? GLOBAL_ACCOUNT : s.account(), s.subject(), s.queue(), s.sid(),
                s.messages(), s.max(), s.cid());
    }
}
