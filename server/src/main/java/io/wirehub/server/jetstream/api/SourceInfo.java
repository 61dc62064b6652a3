package io.wirehub.server.jetstream.api;

import java.util.List;

/**
 * What STREAM.INFO shows of a mirror or of one source (nats-server's StreamSourceInfo): the
 * origin's name, how many of its messages are not yet taken, nanoseconds since the origin was last
 * heard from (-1 when never), the error that stops it (or null), and its filter and transforms.
 */
public record SourceInfo(String name, StreamConfig.External external, long lag, long activeNanos, JsApiError error,
                         String filterSubject, List<StreamConfig.TransformConfig> subjectTransforms) {
    public SourceInfo {
        subjectTransforms = List.copyOf(subjectTransforms);
    }
}
