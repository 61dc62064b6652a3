package io.wirehub.server.jetstream.api;

import io.wirehub.server.jetstream.api.StreamConfig.Discard;
import io.wirehub.server.jetstream.api.StreamConfig.Republish;
import io.wirehub.server.jetstream.api.StreamConfig.Storage;
import io.wirehub.server.jetstream.api.StreamConfig.StreamSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The working copy validation fills in, as nats-server copies the config and sets its defaults on
 * the copy: storage file, one replica, 0 limits become -1, and the duplicate window (2 minutes, the
 * server's limit if lower, or max_age if that is lower still; none for mirrors). Confined to the
 * validating thread.
 */
final class StreamDefaults {
    private final StreamConfig original;
    final String name;
    final List<String> subjects;
    Storage storage;
    long replicas;
    long maxMsgs;
    long maxMsgsPerSubject;
    long maxBytes;
    int maxMsgSize;
    long maxConsumers;
    long maxAge;
    long duplicateWindow;
    final boolean denyPurge;
    final boolean allowRollup;
    final boolean discardNewPerSubject;
    final boolean noAck;
    final Discard discard;
    final StreamSource mirror;
    final List<StreamSource> sources;
    final long firstSeq;
    boolean mirrorDirect;
    Republish republish;

    StreamDefaults(StreamConfig c) {
        original = c;
        name = c.name();
        subjects = new ArrayList<>(c.subjects());
        storage = c.storage();
        replicas = c.replicas();
        maxMsgs = c.maxMsgs();
        maxMsgsPerSubject = c.maxMsgsPerSubject();
        maxBytes = c.maxBytes();
        maxMsgSize = c.maxMsgSize();
        maxConsumers = c.maxConsumers();
        maxAge = c.maxAgeNanos();
        duplicateWindow = c.duplicateWindowNanos();
        denyPurge = c.denyPurge();
        allowRollup = c.allowRollup();
        discardNewPerSubject = c.discardNewPerSubject();
        noAck = c.noAck();
        discard = c.discard();
        mirror = c.mirror();
        sources = c.sources();
        firstSeq = c.firstSeq();
        mirrorDirect = c.mirrorDirect();
        republish = c.republish();
    }

    void applyCounts(StreamCheckContext context) throws JsApiException {
        if (storage == Storage.UNSET) {
            storage = Storage.FILE;
        }
        if (replicas == 0) {
            replicas = 1;
        }
        if (replicas > StreamConfigValidator.MAX_REPLICAS) {
            throw StreamConfigValidator.invalid("maximum replicas is " + StreamConfigValidator.MAX_REPLICAS);
        }
        if (replicas < 0) {
            throw new JsApiException(JsErrorKind.REPLICAS_COUNT_CANNOT_BE_NEGATIVE.error());
        }
        maxMsgs = unlimitedIfZero(maxMsgs);
        maxMsgsPerSubject = unlimitedIfZero(maxMsgsPerSubject);
        maxBytes = unlimitedIfZero(maxBytes);
        maxMsgSize = maxMsgSize == 0 ? -1 : maxMsgSize;
        maxConsumers = unlimitedIfZero(maxConsumers);
        if (duplicateWindow == 0 && mirror == null) {
            long window = StreamConfigValidator.DEFAULT_DUPLICATE_WINDOW;
            long serverWindow = context.serverDuplicateWindowNanos();
            if (serverWindow > 0 && window > serverWindow) {
                window = serverWindow;
            }
            duplicateWindow = maxAge != 0 && maxAge < window ? maxAge : window;
        }
    }

    private static long unlimitedIfZero(long v) {
        return v == 0 ? -1 : v;
    }

    StreamConfig build() {
        StreamConfig c = original;
        return new StreamConfig(c.name(), c.description(), subjects, c.retention(), maxConsumers, maxMsgs, maxBytes,
                maxAge, maxMsgsPerSubject, maxMsgSize, c.discard(), storage, replicas, c.noAck(), c.templateOwner(),
                duplicateWindow, c.placement(), c.mirror(), c.sources(), c.compression(), c.firstSeq(),
                c.subjectTransform(), republish, c.allowDirect(), mirrorDirect, c.discardNewPerSubject(), c.sealed(),
                c.denyDelete(), c.denyPurge(), c.allowRollup(), c.consumerLimits(), c.metadata());
    }
}
