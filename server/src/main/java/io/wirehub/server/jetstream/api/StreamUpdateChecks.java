package io.wirehub.server.jetstream.api;

import static io.wirehub.server.jetstream.api.StreamConfigValidator.invalid;

import io.wirehub.server.jetstream.api.StreamConfig.Discard;
import io.wirehub.server.jetstream.api.StreamConfig.Retention;
import java.util.Objects;

/**
 * What STREAM.UPDATE checks after the create rules, as nats-server's configUpdateCheck does, in
 * its order: the fields that can never change, the flags that can only be set, the mirror; then
 * the adjustments sealing makes. Account limits are checked where the stream lives.
 */
public final class StreamUpdateChecks {
    private StreamUpdateChecks() {
    }

    /** The new config with defaults applied and sealing's adjustments, or the first rule broken. */
    public static StreamConfig check(StreamConfig old, StreamConfig proposed, StreamCheckContext context)
            throws JsApiException {
        StreamConfig cfg = StreamConfigValidator.check(proposed, context);
        if (!cfg.name().equals(old.name())) {
            throw invalid("stream configuration name must match original");
        }
        if (cfg.maxConsumers() != old.maxConsumers()) {
            throw invalid("stream configuration update can not change MaxConsumers");
        }
        if (cfg.storage() != old.storage()) {
            throw invalid("stream configuration update can not change storage type");
        }
        if (cfg.retention() != old.retention()
                && (old.retention() == Retention.WORKQUEUE || cfg.retention() == Retention.WORKQUEUE)) {
            throw invalid("stream configuration update can not change retention policy to/from workqueue");
        }
        if (!old.templateOwner().isEmpty()) {
            throw invalid("stream configuration update not allowed on template owned stream");
        }
        if (!cfg.templateOwner().isEmpty()) {
            throw invalid("stream configuration update can not be owned by a template");
        }
        if (!cfg.sealed() && old.sealed()) {
            throw invalid("stream configuration update can not unseal a sealed stream");
        }
        if (!cfg.denyDelete() && old.denyDelete()) {
            throw invalid("stream configuration update can not cancel deny message deletes");
        }
        if (!cfg.denyPurge() && old.denyPurge()) {
            throw invalid("stream configuration update can not cancel deny purge");
        }
        if (!Objects.equals(cfg.mirror(), old.mirror())) {
            throw new JsApiException(JsErrorKind.STREAM_MIRROR_NOT_UPDATABLE.error());
        }
        if (cfg.discardNewPerSubject()) {
            StreamConfigValidator.checkDiscardNewPerSubject(cfg.discard(), cfg.maxMsgsPerSubject());
        }
        if (!cfg.sealed()) {
            return cfg;
        }
        // Sealing stops every way a message could leave or change.
        return new StreamConfig(cfg.name(), cfg.description(), cfg.subjects(), cfg.retention(), cfg.maxConsumers(),
                cfg.maxMsgs(), cfg.maxBytes(), 0, cfg.maxMsgsPerSubject(), cfg.maxMsgSize(), Discard.NEW,
                cfg.storage(), cfg.replicas(), cfg.noAck(), cfg.templateOwner(), cfg.duplicateWindowNanos(),
                cfg.placement(), cfg.mirror(), cfg.sources(), cfg.compression(), cfg.firstSeq(),
                cfg.subjectTransform(), cfg.republish(), cfg.allowDirect(), cfg.mirrorDirect(),
                cfg.discardNewPerSubject(), true, true, true, false, cfg.consumerLimits(), cfg.metadata());
    }
}
