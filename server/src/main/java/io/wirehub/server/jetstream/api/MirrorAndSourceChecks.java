package io.wirehub.server.jetstream.api;

import io.wirehub.server.jetstream.api.StreamConfig.StreamSource;
import io.wirehub.server.jetstream.api.StreamConfig.TransformConfig;
import io.wirehub.server.subject.SubjectRelations;
import io.wirehub.server.subject.SubjectTransform;
import io.wirehub.server.subject.Subjects;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mirror and sources part of nats-server's checkStreamCfg: mirror exclusivity, filters and
 * transforms, names, duplicate sources, message sizes against visible streams, external prefixes,
 * and cycles through sources and mirrors. Streams of other domains ({@code external}) are not
 * looked at, as in nats-server.
 */
final class MirrorAndSourceChecks {
    private static final String API_PREFIX = "$JS.API";

    private MirrorAndSourceChecks() {
    }

    static void check(StreamDefaults cfg, StreamCheckContext context) throws JsApiException {
        List<String> streamSubjects = new ArrayList<>();
        List<String> deliverPrefixes = new ArrayList<>();
        List<String> apiPrefixes = new ArrayList<>();
        if (cfg.mirror != null) {
            checkMirror(cfg, context, streamSubjects, deliverPrefixes, apiPrefixes);
        }
        Set<String> identities = new HashSet<>();
        for (StreamSource source : cfg.sources) {
            if (!StreamConfigValidator.isValidName(source.name())) {
                throw error(JsErrorKind.SOURCE_INVALID_STREAM_NAME);
            }
            if (!identities.add(source.identity())) {
                throw error(JsErrorKind.SOURCE_DUPLICATE_DETECTED);
            }
            if (source.external() == null) {
                checkLocalSource(cfg, context, source, streamSubjects);
            } else {
                addPrefixes(source, deliverPrefixes, apiPrefixes);
            }
        }
        for (String prefix : deliverPrefixes) {
            if (!Subjects.isValidLiteralSubject(prefix)) {
                throw new JsApiException(JsErrorKind.STREAM_INVALID_EXTERNAL_DELIVERY_SUBJ.error(prefix));
            }
            for (String subject : streamSubjects) {
                if (SubjectRelations.collide(subject, prefix + "." + subject)) {
                    throw new JsApiException(JsErrorKind.STREAM_EXTERNAL_DEL_PREFIX_OVERLAPS.error(prefix, subject));
                }
            }
        }
        for (String prefix : apiPrefixes) {
            if (!Subjects.isValidLiteralSubject(prefix)) {
                throw StreamConfigValidator.invalid("stream external api prefix " + GoFormat.quote(prefix)
                        + " must be a valid subject without wildcards");
            }
            if (SubjectRelations.collide(prefix, API_PREFIX)) {
                throw new JsApiException(JsErrorKind.STREAM_EXTERNAL_API_OVERLAP.error(prefix, API_PREFIX));
            }
        }
        checkCycles(cfg, context);
    }

    private static void checkMirror(StreamDefaults cfg, StreamCheckContext context, List<String> streamSubjects,
                                    List<String> deliverPrefixes, List<String> apiPrefixes) throws JsApiException {
        StreamSource mirror = cfg.mirror;
        if (cfg.firstSeq != 0) {
            throw error(JsErrorKind.MIRROR_WITH_FIRST_SEQ);
        }
        if (!cfg.subjects.isEmpty()) {
            throw error(JsErrorKind.MIRROR_WITH_SUBJECTS);
        }
        if (!cfg.sources.isEmpty()) {
            throw error(JsErrorKind.MIRROR_WITH_SOURCES);
        }
        if (!mirror.filterSubject().isEmpty() && !mirror.subjectTransforms().isEmpty()) {
            throw error(JsErrorKind.MIRROR_MULTIPLE_FILTERS_NOT_ALLOWED);
        }
        List<TransformConfig> transforms = mirror.subjectTransforms();
        for (int outer = 0; outer < transforms.size(); outer++) {
            if (!Subjects.isValidSubscribeSubject(transforms.get(outer).source())) {
                throw error(JsErrorKind.MIRROR_INVALID_SUBJECT_FILTER);
            }
            for (int inner = 0; inner < transforms.size(); inner++) {
                if (inner != outer
                        && SubjectRelations.collide(transforms.get(outer).source(), transforms.get(inner).source())) {
                    throw error(JsErrorKind.MIRROR_OVERLAPPING_SUBJECT_FILTERS);
                }
            }
        }
        if (mirror.external() != null) {
            addPrefixes(mirror, deliverPrefixes, apiPrefixes);
            return;
        }
        if (!StreamConfigValidator.isValidName(mirror.name())) {
            throw error(JsErrorKind.MIRROR_INVALID_STREAM_NAME);
        }
        Optional<StreamConfig> origin = StreamConfigValidator.existing(context, mirror.name());
        if (origin.isPresent()) {
            streamSubjects.addAll(origin.get().subjects());
            if (cfg.maxMsgSize > 0 && origin.get().maxMsgSize() > 0 && cfg.maxMsgSize < origin.get().maxMsgSize()) {
                throw error(JsErrorKind.MIRROR_MAX_MESSAGE_SIZE_TOO_BIG);
            }
            // A mirror of a stream it can see serves direct gets exactly when that stream does.
            cfg.mirrorDirect = origin.get().allowDirect();
        }
    }

    private static void checkLocalSource(StreamDefaults cfg, StreamCheckContext context, StreamSource source,
                                         List<String> streamSubjects) throws JsApiException {
        Optional<StreamConfig> origin = StreamConfigValidator.existing(context, source.name());
        if (origin.isPresent()) {
            streamSubjects.addAll(origin.get().subjects());
            if (cfg.maxMsgSize > 0 && origin.get().maxMsgSize() > 0 && cfg.maxMsgSize < origin.get().maxMsgSize()) {
                throw error(JsErrorKind.SOURCE_MAX_MESSAGE_SIZE_TOO_BIG);
            }
        }
        if (!source.filterSubject().isEmpty() && !source.subjectTransforms().isEmpty()) {
            throw error(JsErrorKind.SOURCE_MULTIPLE_FILTERS_NOT_ALLOWED);
        }
        for (TransformConfig t : source.subjectTransforms()) {
            if (!validDestination(t.destination())) {
                throw error(JsErrorKind.SOURCE_INVALID_TRANSFORM_DESTINATION);
            }
        }
        List<TransformConfig> transforms = source.subjectTransforms();
        for (int outer = 0; outer < transforms.size(); outer++) {
            if (!Subjects.isValidSubscribeSubject(transforms.get(outer).source())) {
                throw error(JsErrorKind.SOURCE_INVALID_SUBJECT_FILTER);
            }
            for (int inner = 0; inner < transforms.size(); inner++) {
                if (inner != outer && SubjectRelations.isSubsetMatch(transforms.get(outer).source(),
                        transforms.get(inner).source())) {
                    throw error(JsErrorKind.SOURCE_OVERLAPPING_SUBJECT_FILTERS);
                }
            }
        }
    }

    /**
     * nats-server's ValidateMappingDestination: an empty destination is allowed, otherwise it must
     * be a valid transform destination (checked here against a full-wildcard source).
     */
    private static boolean validDestination(String destination) {
        if (destination.isEmpty()) {
            return true;
        }
        try {
            SubjectTransform.of(">", destination);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void addPrefixes(StreamSource source, List<String> deliverPrefixes, List<String> apiPrefixes) {
        if (!source.external().deliverPrefix().isEmpty()) {
            deliverPrefixes.add(source.external().deliverPrefix());
        }
        if (!source.external().apiPrefix().isEmpty()) {
            apiPrefixes.add(source.external().apiPrefix());
        }
    }

    /** "detected cycle": a stream reached again through sources whose subjects overlap, or through mirrors. */
    private static void checkCycles(StreamDefaults start, StreamCheckContext context) throws JsApiException {
        record Node(String name, List<String> subjects, List<StreamSource> sources, StreamSource mirror) {
        }
        Deque<Node> toVisit = new ArrayDeque<>();
        toVisit.add(new Node(start.name, start.subjects, start.sources, start.mirror));
        Set<String> visited = new HashSet<>();
        while (!toVisit.isEmpty()) {
            Node node = toVisit.poll();
            visited.add(node.name());
            for (StreamSource source : node.sources()) {
                if (source.external() != null) {
                    continue;
                }
                if (visited.contains(source.name())) {
                    if (overlaps(node.subjects(), source.filterSubject())) {
                        throw StreamConfigValidator.invalid("detected cycle");
                    }
                } else {
                    StreamConfigValidator.existing(context, source.name()).ifPresent(c ->
                            toVisit.add(new Node(c.name(), c.subjects(), c.sources(), c.mirror())));
                }
            }
            StreamSource mirror = node.mirror();
            if (mirror != null && mirror.external() == null) {
                if (visited.contains(mirror.name())) {
                    throw StreamConfigValidator.invalid("detected cycle");
                }
                StreamConfigValidator.existing(context, mirror.name()).ifPresent(c ->
                        toVisit.add(new Node(c.name(), c.subjects(), c.sources(), c.mirror())));
            }
        }
    }

    private static boolean overlaps(List<String> subjects, String filter) {
        if (filter.isEmpty()) {
            return true;
        }
        return subjects.stream().anyMatch(s -> SubjectRelations.collide(s, filter));
    }

    private static JsApiException error(JsErrorKind kind) {
        return new JsApiException(kind.error());
    }
}
