package io.wirehub.server.jetstream.api;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer's config as nats-server 2.10's ConsumerConfig holds it: filled from the request
 * ({@link ConsumerConfigJson}), given its defaults and checked ({@link ConsumerConfigChecks}),
 * then handed to the consumer. Fields are mutable only while the request is being read and
 * defaulted, on the API thread; once a consumer holds a config it never changes it (an update
 * hands the consumer a new object). Two configs are equal when their JSON is, as Go's DeepEqual
 * compares the structs.
 */
public final class ConsumerConfig {
    /** deliver_policy, with its JSON text. */
    public enum DeliverPolicy {
        ALL("all"), LAST("last"), NEW("new"), BY_START_SEQUENCE("by_start_sequence"),
        BY_START_TIME("by_start_time"), LAST_PER_SUBJECT("last_per_subject");

        public final String json;

        DeliverPolicy(String json) {
            this.json = json;
        }

        static DeliverPolicy byJson(String text) {
            if (text.equals("undefined")) {
                return ALL;
            }
            for (DeliverPolicy p : values()) {
                if (p.json.equals(text)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** ack_policy; none is Go's zero value. */
    public enum AckPolicy {
        NONE("none"), ALL("all"), EXPLICIT("explicit");

        public final String json;

        AckPolicy(String json) {
            this.json = json;
        }

        static AckPolicy byJson(String text) {
            for (AckPolicy p : values()) {
                if (p.json.equals(text)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** replay_policy. */
    public enum ReplayPolicy {
        INSTANT("instant"), ORIGINAL("original");

        public final String json;

        ReplayPolicy(String json) {
            this.json = json;
        }

        static ReplayPolicy byJson(String text) {
            for (ReplayPolicy p : values()) {
                if (p.json.equals(text)) {
                    return p;
                }
            }
            return null;
        }
    }

    String durable = "";
    String name = "";
    String description = "";
    DeliverPolicy deliverPolicy = DeliverPolicy.ALL;
    long optStartSeq;
    OffsetDateTime optStartTime;
    AckPolicy ackPolicy = AckPolicy.NONE;
    long ackWaitNanos;
    long maxDeliver;
    List<Long> backoffNanos = new ArrayList<>();
    String filterSubject = "";
    List<String> filterSubjects = new ArrayList<>();
    ReplayPolicy replayPolicy = ReplayPolicy.INSTANT;
    long rateLimitBps;
    String sampleFrequency = "";
    long maxWaiting;
    long maxAckPending;
    long heartbeatNanos;
    boolean flowControl;
    boolean headersOnly;
    long maxRequestBatch;
    long maxRequestExpiresNanos;
    long maxRequestMaxBytes;
    String deliverSubject = "";
    String deliverGroup = "";
    long inactiveThresholdNanos;
    long replicas;
    boolean memoryStorage;
    boolean direct;
    Map<String, String> metadata = new TreeMap<>();

    ConsumerConfig() {
    }

    /** A copy, to change without touching this one. */
    ConsumerConfig copy() {
        ConsumerConfig c = new ConsumerConfig();
        c.durable = durable;
        c.name = name;
        c.description = description;
        c.deliverPolicy = deliverPolicy;
        c.optStartSeq = optStartSeq;
        c.optStartTime = optStartTime;
        c.ackPolicy = ackPolicy;
        c.ackWaitNanos = ackWaitNanos;
        c.maxDeliver = maxDeliver;
        c.backoffNanos = new ArrayList<>(backoffNanos);
        c.filterSubject = filterSubject;
        c.filterSubjects = new ArrayList<>(filterSubjects);
        c.replayPolicy = replayPolicy;
        c.rateLimitBps = rateLimitBps;
        c.sampleFrequency = sampleFrequency;
        c.maxWaiting = maxWaiting;
        c.maxAckPending = maxAckPending;
        c.heartbeatNanos = heartbeatNanos;
        c.flowControl = flowControl;
        c.headersOnly = headersOnly;
        c.maxRequestBatch = maxRequestBatch;
        c.maxRequestExpiresNanos = maxRequestExpiresNanos;
        c.maxRequestMaxBytes = maxRequestMaxBytes;
        c.deliverSubject = deliverSubject;
        c.deliverGroup = deliverGroup;
        c.inactiveThresholdNanos = inactiveThresholdNanos;
        c.replicas = replicas;
        c.memoryStorage = memoryStorage;
        c.direct = direct;
        c.metadata = new TreeMap<>(metadata);
        return c;
    }

    public String durable() {
        return durable;
    }

    public String name() {
        return name;
    }

    public DeliverPolicy deliverPolicy() {
        return deliverPolicy;
    }

    public long optStartSeq() {
        return optStartSeq;
    }

    public OffsetDateTime optStartTime() {
        return optStartTime;
    }

    public AckPolicy ackPolicy() {
        return ackPolicy;
    }

    public long ackWaitNanos() {
        return ackWaitNanos;
    }

    /** -1 for no limit. */
    public long maxDeliver() {
        return maxDeliver;
    }

    public List<Long> backoffNanos() {
        return List.copyOf(backoffNanos);
    }

    /** filter_subject and filter_subjects together, as nats-server gathers them; empty for all. */
    public List<String> filters() {
        if (!filterSubject.isEmpty()) {
            return List.of(filterSubject);
        }
        return List.copyOf(filterSubjects);
    }

    public ReplayPolicy replayPolicy() {
        return replayPolicy;
    }

    /** sample_freq as given ("" for none, "N" or "N%"). */
    public String sampleFrequency() {
        return sampleFrequency;
    }

    public long rateLimitBps() {
        return rateLimitBps;
    }

    public long maxWaiting() {
        return maxWaiting;
    }

    public long maxAckPending() {
        return maxAckPending;
    }

    public long heartbeatNanos() {
        return heartbeatNanos;
    }

    public boolean flowControl() {
        return flowControl;
    }

    public boolean headersOnly() {
        return headersOnly;
    }

    public long maxRequestBatch() {
        return maxRequestBatch;
    }

    public long maxRequestExpiresNanos() {
        return maxRequestExpiresNanos;
    }

    public long maxRequestMaxBytes() {
        return maxRequestMaxBytes;
    }

    public String deliverSubject() {
        return deliverSubject;
    }

    public String deliverGroup() {
        return deliverGroup;
    }

    public boolean isPush() {
        return !deliverSubject.isEmpty();
    }

    public boolean isDurable() {
        return !durable.isEmpty();
    }

    public long inactiveThresholdNanos() {
        return inactiveThresholdNanos;
    }

    public boolean memoryStorage() {
        return memoryStorage;
    }

    public boolean direct() {
        return direct;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerConfig other && ConsumerConfigJson.text(this).equals(ConsumerConfigJson.text(other));
    }

    @Override
    public int hashCode() {
        return ConsumerConfigJson.text(this).hashCode();
    }

    @Override
    public String toString() {
        return ConsumerConfigJson.text(this);
    }
}
