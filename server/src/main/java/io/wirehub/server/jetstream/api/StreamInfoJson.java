package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.jetstream.store.StoreState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * nats-server's StreamInfo and StreamState as JSON: {@code config, created, state, domain?,
 * cluster?, ts}, with the state's omitempty fields left out when zero.
 */
final class StreamInfoJson {
    /** Go's zero time, which an empty stream shows as its first and last times. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private StreamInfoJson() {
    }

    /**
     * What one STREAM.* reply shows besides the stream.
     *
     * @param domain      "" to leave out (create leaves it out even with a domain)
     * @param leader      the server name for {@code cluster.leader}; null to leave cluster out
     * @param details     list the deleted sequences
     * @param subjects    subject counts to show (already paged); null or empty to leave out
     */
    record Extras(String domain, String leader, boolean details, Map<String, Long> subjects) {
        static final Extras NONE = new Extras("", null, false, null);

        static Extras withDomain(String domain) {
            return new Extras(domain, null, false, null);
        }
    }

    /** Adds the stream info's fields to {@code reply}, after what it holds already. */
    static void put(ObjectNode reply, StreamView stream, Extras extras) {
        reply.set("config", StreamConfigJson.write(stream.config()));
        reply.put("created", GoTime.format(stream.created()));
        reply.set("state", state(stream, extras));
        if (!extras.domain().isEmpty()) {
            reply.put("domain", extras.domain());
        }
        if (extras.leader() != null) {
            reply.putObject("cluster").put("leader", extras.leader());
        }
        stream.mirrorInfo().ifPresent(mirror -> reply.set("mirror", source(mirror)));
        List<SourceInfo> sources = stream.sourcesInfo();
        if (!sources.isEmpty()) {
            ArrayNode a = reply.putArray("sources");
            sources.forEach(source -> a.add(source(source)));
        }
        reply.put("ts", GoTime.format(Instant.now()));
    }

    /** A new stream's info object (for LIST's array). */
    static ObjectNode info(StreamView stream, Extras extras) {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        put(o, stream, extras);
        return o;
    }

    static ObjectNode state(StreamView stream, Extras extras) {
        StoreState s = stream.state();
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("messages", s.msgs());
        o.put("bytes", s.bytes());
        // A stream that never stored anything shows 0 as its first sequence, as nats-server's does.
        o.put("first_seq", s.lastSeq() == 0 && s.msgs() == 0 ? 0 : s.firstSeq());
        o.put("first_ts", time(s.firstTimeNanos()));
        o.put("last_seq", s.lastSeq());
        o.put("last_ts", time(s.lastTimeNanos()));
        if (s.numSubjects() != 0) {
            o.put("num_subjects", s.numSubjects());
        }
        if (extras.subjects() != null && !extras.subjects().isEmpty()) {
            ObjectNode subjects = o.putObject("subjects");
            extras.subjects().forEach(subjects::put);
        }
        if (s.numDeleted() != 0) {
            o.put("num_deleted", s.numDeleted());
        }
        if (extras.details()) {
            List<Long> deleted = stream.deleted();
            if (!deleted.isEmpty()) {
                ArrayNode a = o.putArray("deleted");
                deleted.forEach(a::add);
            }
        }
        o.put("consumer_count", stream.consumerCount());
        return o;
    }

    /** nats-server's StreamSourceInfo, its fields in Go's order, the omitempty ones left out when empty. */
    static ObjectNode source(SourceInfo info) {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("name", info.name());
        if (info.external() != null) {
            ObjectNode e = o.putObject("external");
            e.put("api", info.external().apiPrefix());
            e.put("deliver", info.external().deliverPrefix());
        }
        o.put("lag", info.lag());
        o.put("active", info.activeNanos());
        if (info.error() != null) {
            ObjectNode e = o.putObject("error");
            e.put("code", info.error().code());
            e.put("err_code", info.error().errCode());
            e.put("description", info.error().description());
        }
        if (!info.filterSubject().isEmpty()) {
            o.put("filter_subject", info.filterSubject());
        }
        if (!info.subjectTransforms().isEmpty()) {
            ArrayNode a = o.putArray("subject_transforms");
            info.subjectTransforms().forEach(t -> a.add(StreamConfigJson.transform(t)));
        }
        return o;
    }

    static String time(long nanos) {
        return nanos == 0 ? ZERO_TIME
                : GoTime.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                        Math.floorMod(nanos, 1_000_000_000L)));
    }
}
