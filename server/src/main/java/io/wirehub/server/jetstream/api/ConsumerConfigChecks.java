package io.wirehub.server.jetstream.api;

import io.wirehub.server.jetstream.api.ConsumerConfig.AckPolicy;
import io.wirehub.server.subject.SubjectRelations;
import io.wirehub.server.subject.Subjects;
import java.util.List;

/**
 * nats-server 2.10's consumer config rules: the defaults it fills in (setConsumerConfigDefaults),
 * the checks of a new config in its order (checkConsumerCfg), and what an update may change
 * (checkNewConsumerConfig). Each failure is the error nats-server answers with.
 */
public final class ConsumerConfigChecks {
    static final long DEFAULT_ACK_WAIT = 30_000_000_000L;
    static final long DEFAULT_MAX_WAITING = 512;
    static final long DEFAULT_MAX_ACK_PENDING = 1000;
    /** What every ephemeral without its own inactive_threshold is given. */
    public static final long EPHEMERAL_INACTIVE_THRESHOLD = 5_000_000_000L;
    static final int MAX_NAME_LENGTH = 255;
    private static final long HUNDRED_MS = 100_000_000L;
    private static final long ONE_MS = 1_000_000L;

    private ConsumerConfigChecks() {
    }

    /** Fills in nats-server's defaults (changes {@code c}). */
    static void applyDefaults(ConsumerConfig c, StreamConfig stream, ConsumerLimitsContext limits) {
        if (c.deliverSubject.isEmpty() && c.maxWaiting == 0) {
            c.maxWaiting = DEFAULT_MAX_WAITING;
        }
        boolean acked = c.ackPolicy != AckPolicy.NONE;
        if (c.ackWaitNanos == 0 && acked) {
            c.ackWaitNanos = DEFAULT_ACK_WAIT;
        }
        if (c.maxDeliver == 0) {
            c.maxDeliver = -1;
        }
        if (!c.backoffNanos.isEmpty()) {
            c.ackWaitNanos = c.backoffNanos.get(0);
        }
        if (c.maxAckPending == 0) {
            c.maxAckPending = stream.consumerLimits().maxAckPending();
        }
        if (c.inactiveThresholdNanos == 0) {
            c.inactiveThresholdNanos = stream.consumerLimits().inactiveThresholdNanos();
        }
        if (acked && c.maxAckPending == 0) {
            long pending = DEFAULT_MAX_ACK_PENDING;
            if (limits.serverMaxAckPending() > 0 && limits.serverMaxAckPending() < pending) {
                pending = limits.serverMaxAckPending();
            }
            if (limits.accountMaxAckPending() > 0 && limits.accountMaxAckPending() < pending) {
                pending = limits.accountMaxAckPending();
            }
            c.maxAckPending = pending;
        }
        if (c.deliverSubject.isEmpty() && c.maxRequestBatch == 0 && limits.serverMaxRequestBatch() > 0) {
            c.maxRequestBatch = limits.serverMaxRequestBatch();
        }
    }

    /** checkConsumerCfg, in its order. */
    static void check(ConsumerConfig c, StreamConfig stream, ConsumerLimitsContext limits) throws JsApiException {
        long streamReplicas = Math.max(1, stream.replicas());
        if (c.replicas > 0 && c.replicas > streamReplicas) {
            throw fail(JsErrorKind.CONSUMER_REPLICAS_EXCEEDS_STREAM.error());
        }
        if (c.replicas < 0) {
            throw fail(JsErrorKind.REPLICAS_COUNT_CANNOT_BE_NEGATIVE.error());
        }
        if (stream.retention() != StreamConfig.Retention.LIMITS && c.replicas != 0 && c.replicas != streamReplicas) {
            throw fail(JsErrorKind.CONSUMER_REPLICAS_SHOULD_MATCH_STREAM.error());
        }
        if (!c.backoffNanos.isEmpty() && c.maxDeliver != -1 && c.backoffNanos.size() > c.maxDeliver) {
            throw fail(JsErrorKind.CONSUMER_MAX_DELIVER_BACKOFF.error());
        }
        if (StreamConfigValidator.utf8Length(c.description) > StreamConfigValidator.MAX_DESCRIPTION_LENGTH) {
            throw fail(JsErrorKind.CONSUMER_DESCRIPTION_TOO_LONG.error(StreamConfigValidator.MAX_DESCRIPTION_LENGTH));
        }
        if (!c.deliverSubject.isEmpty()) {
            checkPush(c, stream);
        } else {
            checkPull(c, stream, limits);
        }
        checkAckPendingCaps(c, stream, limits);
        if (c.direct) {
            if (c.deliverSubject.isEmpty()) {
                throw fail(JsErrorKind.CONSUMER_DIRECT_REQUIRES_PUSH.error());
            }
            if (c.isDurable()) {
                throw fail(JsErrorKind.CONSUMER_DIRECT_REQUIRES_EPHEMERAL.error());
            }
        }
        checkFilters(c);
        checkStartPosition(c);
        if (!c.sampleFrequency.isEmpty()) {
            checkSampling(c.sampleFrequency);
        }
        if (c.flowControl && c.heartbeatNanos == 0) {
            throw fail(JsErrorKind.CONSUMER_WITH_FLOW_CONTROL_NEEDS_HEARTBEATS.error());
        }
        if (!c.durable.isEmpty() && !c.name.isEmpty() && !c.name.equals(c.durable)) {
            throw fail(JsErrorKind.CONSUMER_CREATE_DURABLE_AND_NAME_MISMATCH.error());
        }
        long metadataLength = 0;
        for (var e : c.metadata.entrySet()) {
            metadataLength += StreamConfigValidator.utf8Length(e.getKey()) + StreamConfigValidator.utf8Length(e.getValue());
        }
        if (metadataLength > StreamConfigValidator.MAX_METADATA_LENGTH) {
            throw fail(JsErrorKind.CONSUMER_METADATA_LENGTH.error(StreamConfigValidator.MAX_METADATA_LENGTH / 1024 + "KB"));
        }
    }

    private static void checkPush(ConsumerConfig c, StreamConfig stream) throws JsApiException {
        if (Subjects.hasWildcard(c.deliverSubject)) {
            throw fail(JsErrorKind.CONSUMER_DELIVER_TO_WILDCARDS.error());
        }
        if (!Subjects.isValidSubscribeSubject(c.deliverSubject)) {
            throw fail(JsErrorKind.CONSUMER_INVALID_DELIVER_SUBJECT.error());
        }
        for (String subject : stream.subjects()) {
            if (SubjectRelations.isSubsetMatch(c.deliverSubject, subject)) {
                throw fail(JsErrorKind.CONSUMER_DELIVER_CYCLE.error());
            }
        }
        if (c.maxWaiting != 0) {
            throw fail(JsErrorKind.CONSUMER_PUSH_MAX_WAITING.error());
        }
        if (c.maxAckPending > 0 && c.ackPolicy == AckPolicy.NONE) {
            throw fail(JsErrorKind.CONSUMER_MAX_PENDING_ACK_POLICY_REQUIRED.error());
        }
        if (c.heartbeatNanos > 0 && c.heartbeatNanos < HUNDRED_MS) {
            throw fail(JsErrorKind.CONSUMER_SMALL_HEARTBEAT.error());
        }
    }

    private static void checkPull(ConsumerConfig c, StreamConfig stream, ConsumerLimitsContext limits)
            throws JsApiException {
        if (c.ackPolicy == AckPolicy.NONE && stream.retention() == StreamConfig.Retention.WORKQUEUE) {
            throw fail(JsErrorKind.CONSUMER_PULL_REQUIRES_ACK.error());
        }
        if (c.rateLimitBps != 0) {
            throw fail(JsErrorKind.CONSUMER_PULL_WITH_RATE_LIMIT.error());
        }
        if (c.maxWaiting < 0) {
            throw fail(JsErrorKind.CONSUMER_MAX_WAITING_NEGATIVE.error());
        }
        if (c.heartbeatNanos > 0) {
            throw fail(JsErrorKind.CONSUMER_HBREQUIRES_PUSH.error());
        }
        if (c.flowControl) {
            throw fail(JsErrorKind.CONSUMER_FCREQUIRES_PUSH.error());
        }
        if (c.maxRequestBatch < 0) {
            throw fail(JsErrorKind.CONSUMER_MAX_REQUEST_BATCH_NEGATIVE.error());
        }
        if (c.maxRequestExpiresNanos != 0 && c.maxRequestExpiresNanos < ONE_MS) {
            throw fail(JsErrorKind.CONSUMER_MAX_REQUEST_EXPIRES_TO_SMALL.error());
        }
        if (limits.serverMaxRequestBatch() > 0 && c.maxRequestBatch > limits.serverMaxRequestBatch()) {
            throw fail(JsErrorKind.CONSUMER_MAX_REQUEST_BATCH_EXCEEDED.error(limits.serverMaxRequestBatch()));
        }
    }

    private static void checkAckPendingCaps(ConsumerConfig c, StreamConfig stream, ConsumerLimitsContext limits)
            throws JsApiException {
        if (limits.serverMaxAckPending() > 0 && c.maxAckPending > limits.serverMaxAckPending()) {
            throw fail(JsErrorKind.CONSUMER_MAX_PENDING_ACK_EXCESS.error(limits.serverMaxAckPending()));
        }
        if (limits.accountMaxAckPending() > 0 && c.maxAckPending > limits.accountMaxAckPending()) {
            throw fail(JsErrorKind.CONSUMER_MAX_PENDING_ACK_EXCESS.error(limits.accountMaxAckPending()));
        }
        StreamConfig.ConsumerLimits own = stream.consumerLimits();
        if (own.maxAckPending() > 0 && c.maxAckPending > own.maxAckPending()) {
            throw fail(JsErrorKind.CONSUMER_MAX_PENDING_ACK_EXCESS.error(own.maxAckPending()));
        }
        if (own.inactiveThresholdNanos() > 0 && c.inactiveThresholdNanos > own.inactiveThresholdNanos()) {
            throw fail(JsErrorKind.CONSUMER_INACTIVE_THRESHOLD_EXCESS.error(
                    GoFormat.duration(own.inactiveThresholdNanos())));
        }
    }

    private static void checkFilters(ConsumerConfig c) throws JsApiException {
        if (!c.filterSubject.isEmpty() && !c.filterSubjects.isEmpty()) {
            throw fail(JsErrorKind.CONSUMER_DUPLICATE_FILTER_SUBJECTS.error());
        }
        if (!c.filterSubject.isEmpty() && !Subjects.isValidSubscribeSubject(c.filterSubject)) {
            throw fail(JsErrorKind.STREAM_INVALID_CONFIG.error("invalid subject"));
        }
        for (String f : c.filterSubjects) {
            if (f.isEmpty()) {
                throw fail(JsErrorKind.CONSUMER_EMPTY_FILTER.error());
            }
        }
        List<String> filters = c.filters();
        for (int i = 0; i < filters.size(); i++) {
            if (!Subjects.isValidSubscribeSubject(filters.get(i))) {
                throw fail(JsErrorKind.STREAM_INVALID_CONFIG.error("invalid subject"));
            }
            for (int j = 0; j < filters.size(); j++) {
                if (i != j && SubjectRelations.collide(filters.get(i), filters.get(j))) {
                    throw fail(JsErrorKind.CONSUMER_OVERLAPPING_SUBJECT_FILTERS.error());
                }
            }
        }
    }

    private static void checkStartPosition(ConsumerConfig c) throws JsApiException {
        boolean seq = c.optStartSeq != 0;
        boolean time = c.optStartTime != null;
        switch (c.deliverPolicy) {
            case ALL -> noStart("all", seq, time);
            case LAST -> noStart("last", seq, time);
            case NEW -> noStart("new", seq, time);
            case LAST_PER_SUBJECT -> {
                noStart("last per subject", seq, time);
                if (c.filters().isEmpty()) {
                    throw policy("consumer delivery policy is deliver last per subject, but optional filter subject is not set");
                }
            }
            case BY_START_SEQUENCE -> {
                if (!seq) {
                    throw policy("consumer delivery policy is deliver by start sequence, but optional start sequence is not set");
                }
                if (time) {
                    throw policy("consumer delivery policy is deliver by start sequence, but optional start time is also set");
                }
            }
            case BY_START_TIME -> {
                if (!time) {
                    throw policy("consumer delivery policy is deliver by start time, but optional start time is not set");
                }
                if (seq) {
                    // nats-server's own wording, "start" twice.
                    throw policy("consumer delivery policy is deliver by start time, but optional start start sequence is also set");
                }
            }
        }
    }

    private static void noStart(String policy, boolean seq, boolean time) throws JsApiException {
        if (seq) {
            throw policy("consumer delivery policy is deliver " + policy + ", but optional start sequence is also set");
        }
        if (time) {
            throw policy("consumer delivery policy is deliver " + policy + ", but optional start time is also set");
        }
    }

    private static JsApiException policy(String text) {
        return fail(JsErrorKind.CONSUMER_INVALID_POLICY.error(text));
    }

    /** Go's strconv.Atoi on the sample frequency without its '%'. */
    private static void checkSampling(String frequency) throws JsApiException {
        String s = frequency.endsWith("%") ? frequency.substring(0, frequency.length() - 1) : frequency;
        try {
            if (!s.matches("[+-]?[0-9]+")) {
                throw new NumberFormatException();
            }
            if (Long.parseLong(s) < 0) {
                throw fail(JsErrorKind.CONSUMER_INVALID_SAMPLING.error("%!s(<nil>)"));
            }
        } catch (NumberFormatException e) {
            String reason = s.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
            throw fail(JsErrorKind.CONSUMER_INVALID_SAMPLING.error(
                    "strconv.Atoi: parsing " + GoFormat.quote(s) + ": " + reason));
        }
    }

    /** What an update may not change (checkNewConsumerConfig), as 10012 with nats-server's text. */
    static void checkUpdate(ConsumerConfig old, ConsumerConfig updated, boolean deliverSubjectHasInterest)
            throws JsApiException {
        if (old.equals(updated)) {
            return;
        }
        if (old.deliverPolicy != updated.deliverPolicy) {
            throw update("deliver policy can not be updated");
        }
        if (old.optStartSeq != updated.optStartSeq) {
            throw update("start sequence can not be updated");
        }
        if (old.optStartTime != null && updated.optStartTime != null) {
            if (!old.optStartTime.toInstant().equals(updated.optStartTime.toInstant())) {
                throw update("start time can not be updated");
            }
        } else if (old.optStartTime != null || updated.optStartTime != null) {
            throw update("start time can not be updated");
        }
        if (old.ackPolicy != updated.ackPolicy) {
            throw update("ack policy can not be updated");
        }
        if (old.replayPolicy != updated.replayPolicy) {
            throw update("replay policy can not be updated");
        }
        if (old.heartbeatNanos != updated.heartbeatNanos) {
            throw update("heart beats can not be updated");
        }
        if (old.flowControl != updated.flowControl) {
            throw update("flow control can not be updated");
        }
        if (!old.deliverSubject.equals(updated.deliverSubject)) {
            if (old.deliverSubject.isEmpty()) {
                throw update("can not update pull consumer to push based");
            }
            if (updated.deliverSubject.isEmpty()) {
                throw update("can not update push consumer to pull based");
            }
            if (deliverSubjectHasInterest) {
                throw fail(JsErrorKind.CONSUMER_NAME_EXIST.error());
            }
        }
        if (old.maxWaiting != updated.maxWaiting) {
            throw update("max waiting can not be updated");
        }
        if (!updated.backoffNanos.isEmpty() && updated.maxDeliver != -1
                && updated.backoffNanos.size() > updated.maxDeliver) {
            throw fail(JsErrorKind.CONSUMER_MAX_DELIVER_BACKOFF.error());
        }
    }

    private static JsApiException update(String text) {
        return fail(JsErrorKind.CONSUMER_CREATE.error(text));
    }

    static JsApiException fail(JsApiError error) {
        return new JsApiException(error);
    }
}
