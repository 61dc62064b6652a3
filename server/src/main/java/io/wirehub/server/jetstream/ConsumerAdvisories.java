package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.Router;

/**
 * A consumer's advisories on {@code $JS.EVENT.ADVISORY.CONSUMER.…}, as nats-server sends them:
 * published in the stream's account, and only when someone listens. Fields in nats-server's order:
 * {@code type, id, timestamp}, then the event's own.
 */
final class ConsumerAdvisories {
    static final String PREFIX = "$JS.EVENT.ADVISORY.CONSUMER.";

    private final Router router;
    private final String stream;
    private final String consumer;
    private final String domain;

    ConsumerAdvisories(Router router, String stream, String consumer, String domain) {
        this.router = router;
        this.stream = stream;
        this.consumer = consumer;
        this.domain = domain;
    }

    /** CREATED / DELETED: {@code consumer_action} with action create or delete. */
    void action(InternalPublisher out, boolean created) {
        String subject = PREFIX + (created ? "CREATED." : "DELETED.") + stream + "." + consumer;
        if (!router.hasInterest(subject)) {
            return;
        }
        ObjectNode e = event("consumer_action");
        e.put("action", created ? "create" : "delete");
        send(out, subject, e);
    }

    /** MAX_DELIVERIES: the message was delivered max_deliver times without an ack. */
    void maxDeliveries(InternalPublisher out, long streamSeq, long deliveries) {
        String subject = PREFIX + "MAX_DELIVERIES." + stream + "." + consumer;
        if (!router.hasInterest(subject)) {
            return;
        }
        ObjectNode e = event("max_deliver");
        e.put("stream_seq", streamSeq).put("deliveries", deliveries);
        send(out, subject, e);
    }

    /** MSG_NAKED. */
    void nak(InternalPublisher out, long consumerSeq, long streamSeq, long deliveries) {
        String subject = PREFIX + "MSG_NAKED." + stream + "." + consumer;
        if (!router.hasInterest(subject)) {
            return;
        }
        ObjectNode e = event("nak");
        e.put("consumer_seq", consumerSeq).put("stream_seq", streamSeq).put("deliveries", deliveries);
        send(out, subject, e);
    }

    /** MSG_TERMINATED, with the reason given after {@code +TERM}, if any. */
    void terminated(InternalPublisher out, long consumerSeq, long streamSeq, long deliveries, String reason) {
        String subject = PREFIX + "MSG_TERMINATED." + stream + "." + consumer;
        if (!router.hasInterest(subject)) {
            return;
        }
        ObjectNode e = event("terminated");
        e.put("consumer_seq", consumerSeq).put("stream_seq", streamSeq).put("deliveries", deliveries);
        if (!reason.isEmpty()) {
            e.put("reason", reason);
        }
        send(out, subject, e);
    }

    /**
     * METRIC.CONSUMER.ACK, for the acks {@code sample_freq} picks: how long after its delivery the
     * message was acknowledged.
     */
    void ackMetric(InternalPublisher out, long consumerSeq, long streamSeq, long ackTimeNanos, long deliveries) {
        String subject = "$JS.EVENT.METRIC.CONSUMER.ACK." + stream + "." + consumer;
        if (!router.hasInterest(subject)) {
            return;
        }
        ObjectNode e = event("io.nats.jetstream.metric.v1.", "consumer_ack");
        e.put("consumer_seq", consumerSeq).put("stream_seq", streamSeq).put("ack_time", ackTimeNanos)
                .put("deliveries", deliveries);
        send(out, subject, e);
    }

    private ObjectNode event(String type) {
        return event(AdvisoryEvents.ADVISORY_TYPE, type);
    }

    private ObjectNode event(String typePrefix, String type) {
        ObjectNode e = AdvisoryEvents.event(typePrefix + type);
        e.put("stream", stream);
        e.put("consumer", consumer);
        return e;
    }

    private void send(InternalPublisher out, String subject, ObjectNode e) {
        AdvisoryEvents.send(out, subject, e, domain);
    }

    /** nats-server's shouldSample: sample_freq percent of the acks (all at 100 or more). */
    static boolean sampled(String f) {
        if (f.isEmpty()) {
            return false;
        }
        int percent;
        try {
            percent = Integer.parseInt(f.endsWith("%") ? f.substring(0, f.length() - 1) : f);
        } catch (NumberFormatException e) {
            return false;
        }
        if (percent <= 0) {
            return false;
        }
        return percent >= 100 || java.util.concurrent.ThreadLocalRandom.current().nextInt(100) <= percent;
    }
}
