package io.wirehub.server.jetstream.api;

import static io.wirehub.server.jetstream.api.JsErrorKind.STREAM_INVALID_CONFIG;

import io.wirehub.server.jetstream.api.StreamConfig.Discard;
import io.wirehub.server.jetstream.api.StreamConfig.Republish;
import io.wirehub.server.jetstream.api.StreamConfig.Storage;
import io.wirehub.server.subject.SubjectRelations;
import io.wirehub.server.subject.SubjectTransform;
import io.wirehub.server.subject.Subjects;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * nats-server 2.10's checks of a stream config, in its order (the first failure is the answer),
 * with its error codes and texts, and the defaults it fills in: {@code checkStreamCfg}. The checks
 * STREAM.CREATE adds before it are {@link #checkCreate}; the single-server replica check after it
 * is in {@link #checkCreate} too.
 */
public final class StreamConfigValidator {
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_DESCRIPTION_LENGTH = 4 * 1024;
    static final int MAX_METADATA_LENGTH = 128 * 1024;
    static final int MAX_REPLICAS = 5;
    static final long DEFAULT_DUPLICATE_WINDOW = 120_000_000_000L;
    private static final long HUNDRED_MS = 100_000_000L;

    private StreamConfigValidator() {
    }

    /** nats-server's isValidName: not empty, none of space, TAB, CR, LF, FF, '.', '*', '>'. */
    public static boolean isValidName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (char c : name.toCharArray()) {
            if (" \t\r\n\f.*>".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * What STREAM.CREATE checks, in nats-server's order, on a single server: the name in the
     * subject, path separators, sealed, mirror direct, then {@link #check}, then what building the
     * stream checks: replicas, the input subject transform.
     */
    public static StreamConfig checkCreate(String subjectStreamName, StreamConfig config, StreamCheckContext context)
            throws JsApiException {
        if (!subjectStreamName.equals(config.name())) {
            throw new JsApiException(JsErrorKind.STREAM_MISMATCH.error());
        }
        if (subjectStreamName.contains("/") || subjectStreamName.contains("\\")) {
            throw new JsApiException(JsErrorKind.STREAM_NAME_CONTAINS_PATH_SEPARATORS.error());
        }
        if (config.sealed()) {
            throw invalid("stream configuration for create can not be sealed");
        }
        if (config.mirrorDirect() && config.mirror() == null) {
            throw invalid("stream has no mirror but does have mirror direct");
        }
        StreamConfig checked = check(config, context);
        if (checked.replicas() > 1) {
            throw new JsApiException(JsErrorKind.STREAM_REPLICAS_NOT_SUPPORTED.error());
        }
        // nats-server compiles the input transform only when it builds the stream: a create error.
        StreamConfig.TransformConfig transform = checked.subjectTransform();
        if (transform != null && !transform.destination().isEmpty()) {
            try {
                SubjectTransform.of(transform.source(), transform.destination());
            } catch (IllegalArgumentException e) {
                throw new JsApiException(JsErrorKind.STREAM_CREATE.error("stream subject transform from '"
                        + transform.source() + "' to '" + transform.destination() + "': " + e.getMessage()));
            }
        }
        return checked;
    }

    /** checkStreamCfg: the config with defaults applied, or the first rule it breaks. */
    public static StreamConfig check(StreamConfig config, StreamCheckContext context) throws JsApiException {
        if (!isValidName(config.name())) {
            throw invalid("stream name is required and can not contain '.', '*', '>'");
        }
        if (utf8Length(config.name()) > MAX_NAME_LENGTH) {
            throw invalid("stream name is too long, maximum allowed is " + MAX_NAME_LENGTH);
        }
        if (utf8Length(config.description()) > MAX_DESCRIPTION_LENGTH) {
            throw invalid("stream description is too long, maximum allowed is " + MAX_DESCRIPTION_LENGTH);
        }
        long metadataLength = 0;
        for (var e : config.metadata().entrySet()) {
            metadataLength += utf8Length(e.getKey()) + utf8Length(e.getValue());
        }
        if (metadataLength > MAX_METADATA_LENGTH) {
            throw invalid("stream metadata exceeds maximum size of " + MAX_METADATA_LENGTH + " bytes");
        }
        StreamDefaults cfg = new StreamDefaults(config);
        cfg.applyCounts(context);
        checkDurations(cfg, context);
        if (cfg.denyPurge && cfg.allowRollup) {
            throw invalid("roll-ups require the purge permission");
        }
        if (cfg.discardNewPerSubject) {
            checkDiscardNewPerSubject(cfg.discard, cfg.maxMsgsPerSubject);
        }
        MirrorAndSourceChecks.check(cfg, context);
        checkSubjects(cfg);
        checkMaxBytes(cfg, context);
        checkSelfOverlap(cfg.subjects);
        checkRepublish(cfg);
        return cfg.build();
    }

    static void checkDiscardNewPerSubject(Discard discard, long maxMsgsPerSubject) throws JsApiException {
        if (discard != Discard.NEW) {
            throw invalid("discard new per subject requires discard new policy to be set");
        }
        if (maxMsgsPerSubject <= 0) {
            throw invalid("discard new per subject requires max msgs per subject > 0");
        }
    }

    private static void checkDurations(StreamDefaults cfg, StreamCheckContext context) throws JsApiException {
        long serverWindow = context.serverDuplicateWindowNanos();
        if (cfg.maxAge > 0 && cfg.maxAge < HUNDRED_MS) {
            throw invalid("max age needs to be >= 100ms");
        }
        if (cfg.duplicateWindow < 0) {
            throw invalid("duplicates window can not be negative");
        }
        if (cfg.maxAge != 0 && cfg.duplicateWindow > cfg.maxAge) {
            throw invalid("duplicates window can not be larger then max age");
        }
        if (serverWindow > 0 && cfg.duplicateWindow > serverWindow) {
            throw invalid("duplicates window can not be larger then server limit of " + GoFormat.duration(serverWindow));
        }
        if (cfg.duplicateWindow > 0 && cfg.duplicateWindow < HUNDRED_MS) {
            throw invalid("duplicates window needs to be >= 100ms");
        }
    }

    private static void checkSubjects(StreamDefaults cfg) throws JsApiException {
        if (cfg.subjects.isEmpty()) {
            if (cfg.mirror == null && cfg.sources.isEmpty()) {
                cfg.subjects.add(cfg.name);
            }
        } else {
            if (cfg.mirror != null) {
                throw new JsApiException(JsErrorKind.MIRROR_WITH_SUBJECTS.error());
            }
            Set<String> seen = new HashSet<>();
            for (String subject : cfg.subjects) {
                if (!Subjects.isValidSubscribeSubject(subject)) {
                    throw invalid("invalid subject");
                }
                if (!seen.add(subject)) {
                    throw invalid("duplicate subjects detected");
                }
                if (subject.equals(">")) {
                    if (!cfg.noAck) {
                        throw invalid("capturing all subjects requires no-ack to be true");
                    }
                    if (cfg.replicas != 1) {
                        throw invalid("capturing all subjects requires replicas of 1");
                    }
                }
                if (!cfg.noAck) {
                    checkReservedOverlap(subject);
                }
            }
        }
        if (cfg.subjects.isEmpty() && cfg.sources.isEmpty() && cfg.mirror == null) {
            throw invalid("stream needs at least one configured subject or be a source/mirror");
        }
    }

    private static void checkReservedOverlap(String subject) throws JsApiException {
        for (String namespace : List.of("$JS.>", "$JSC.>", "$NRG.>")) {
            if (SubjectRelations.collide(subject, namespace)
                    && !SubjectRelations.isSubsetMatch(subject, "$JS.EVENT.>")) {
                throw invalid("subjects that overlap with jetstream api require no-ack to be true");
            }
        }
        if (SubjectRelations.collide(subject, "$SYS.>") && !SubjectRelations.isSubsetMatch(subject, "$SYS.ACCOUNT.>")) {
            throw invalid("subjects that overlap with system api require no-ack to be true");
        }
    }

    private static void checkMaxBytes(StreamDefaults cfg, StreamCheckContext context) throws JsApiException {
        long limit = cfg.storage == Storage.MEMORY ? context.memoryMaxStreamBytes() : context.storeMaxStreamBytes();
        if (context.maxBytesRequired() && cfg.maxBytes <= 0) {
            throw new JsApiException(JsErrorKind.STREAM_MAX_BYTES_REQUIRED.error());
        }
        if (limit > 0 && cfg.maxBytes > limit) {
            throw new JsApiException(JsErrorKind.STREAM_MAX_STREAM_BYTES_EXCEEDED.error());
        }
    }

    private static void checkSelfOverlap(List<String> subjects) throws JsApiException {
        if (subjects.size() < 2) {
            return;
        }
        for (String subject : subjects) {
            for (String other : subjects) {
                if (!other.equals(subject) && SubjectRelations.collide(other, subject)) {
                    throw invalid("subject " + GoFormat.quote(subject) + " overlaps with " + GoFormat.quote(other));
                }
            }
        }
    }

    private static void checkRepublish(StreamDefaults cfg) throws JsApiException {
        Republish republish = cfg.republish;
        if (republish == null) {
            return;
        }
        if (republish.source().isEmpty()) {
            republish = republish.withSource(">");
            cfg.republish = republish;
        }
        for (String subject : cfg.subjects) {
            if (SubjectRelations.collide(republish.destination(), subject)) {
                throw invalid("stream configuration for republish destination forms a cycle");
            }
        }
        try {
            // As nats-server's NewSubjectTransform: no destination is no transform, and no error.
            if (!republish.destination().isEmpty()) {
                SubjectTransform.of(republish.source(), republish.destination());
            }
        } catch (IllegalArgumentException e) {
            throw invalid("stream configuration for republish with transform from '" + republish.source()
                    + "' to '" + republish.destination() + "' not valid");
        }
    }

    static JsApiException invalid(String text) {
        return new JsApiException(STREAM_INVALID_CONFIG.error(text));
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static Optional<StreamConfig> existing(StreamCheckContext context, String name) {
        return context.existingStreams().apply(name);
    }
}
