package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.subject.SubjectRelations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STREAM.CREATE, UPDATE, INFO, NAMES, LIST, DELETE and PURGE, as nats-server 2.10 answers them on
 * a single server: the checks in its order, the reply fields in its order.
 */
final class StreamRequests {
    static final int NAMES_LIMIT = 1024;
    static final int LIST_LIMIT = 256;
    static final int SUBJECT_DETAILS_LIMIT = 100_000;

    private final JsStreams streams;
    private final String domain;
    private final String serverName;

    StreamRequests(JsStreams streams, String domain, String serverName) {
        this.streams = streams;
        this.domain = domain;
        this.serverName = serverName;
    }

    private static String streamName(String apiSubject, String prefix) {
        return apiSubject.substring(prefix.length());
    }

    ObjectNode create(String apiSubject, byte[] body, StreamCheckContext context) throws JsApiException {
        String name = streamName(apiSubject, "STREAM.CREATE.");
        StreamConfig config = StreamConfigValidator.checkCreate(name, StreamConfigJson.parse(body), context);
        StreamView stream = streams.create(config);
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.STREAM_CREATE);
        StreamInfoJson.put(reply, stream, StreamInfoJson.Extras.NONE);
        reply.put("did_create", true);
        return reply;
    }

    ObjectNode update(String apiSubject, byte[] body, StreamCheckContext context) throws JsApiException {
        String name = streamName(apiSubject, "STREAM.UPDATE.");
        StreamConfig proposed = StreamConfigJson.parse(body);
        StreamConfigValidator.check(proposed, context);
        if (!name.equals(proposed.name())) {
            throw new JsApiException(JsErrorKind.STREAM_MISMATCH.error());
        }
        StreamView stream = find(name);
        StreamConfig config = StreamUpdateChecks.check(stream.config(), proposed, context);
        StreamView updated = streams.update(stream, config);
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.STREAM_UPDATE);
        StreamInfoJson.put(reply, updated, StreamInfoJson.Extras.withDomain(domain));
        return reply;
    }

    ObjectNode info(String apiSubject, byte[] body) throws JsApiException {
        String name = streamName(apiSubject, "STREAM.INFO.");
        boolean details = false;
        String filter = "";
        long offset = 0;
        if (!RequestBody.isEmpty(body)) {
            GoJsonObject request = RequestBody.parse(body);
            details = request.bool("deleted_details");
            filter = request.string("subjects_filter");
            offset = request.integer("offset", 64);
        }
        StreamView stream = find(name);
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.STREAM_INFO);
        long total = 0;
        long limit = 0;
        Map<String, Long> shown = null;
        if (!filter.isEmpty()) {
            Map<String, Long> totals = stream.subjectTotals(filter);
            if (!totals.isEmpty()) {
                total = totals.size();
                limit = SUBJECT_DETAILS_LIMIT;
                // nats-server pages the sorted subjects; the page itself is written sorted, as Go writes maps.
                long from = Math.min(Math.max(0, offset), totals.size());
                shown = new LinkedHashMap<>();
                int i = 0;
                for (Map.Entry<String, Long> e : totals.entrySet()) {
                    if (i >= from && i < from + SUBJECT_DETAILS_LIMIT) {
                        shown.put(e.getKey(), e.getValue());
                    }
                    i++;
                }
            } else {
                offset = 0;
            }
        } else {
            offset = 0;
        }
        reply.put("total", total).put("offset", offset).put("limit", limit);
        StreamInfoJson.put(reply, stream, new StreamInfoJson.Extras(domain, serverName, details, shown));
        return reply;
    }

    /** The streams a NAMES or LIST request asks for, sorted, with the offset it gave. */
    private record Selection(List<StreamView> streams, int offset) {
    }

    private Selection select(byte[] body) throws JsApiException {
        long offset = 0;
        String filter = "";
        if (!RequestBody.isEmpty(body)) {
            GoJsonObject request = RequestBody.parse(body);
            offset = request.integer("offset", 64);
            filter = request.string("subject");
        }
        List<StreamView> matching = new ArrayList<>();
        for (StreamView stream : streams.all()) {
            if (filter.isEmpty() || capturesAny(stream.config(), filter)) {
                matching.add(stream);
            }
        }
        return new Selection(matching, (int) Math.min(Math.max(0, offset), matching.size()));
    }

    private static boolean capturesAny(StreamConfig config, String filter) {
        if (config.subjects().isEmpty()) {
            return SubjectRelations.collide(filter, config.name());
        }
        return config.subjects().stream().anyMatch(s -> SubjectRelations.collide(filter, s));
    }

    ObjectNode names(byte[] body) throws JsApiException {
        Selection selection = select(body);
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.STREAM_NAMES);
        reply.put("total", selection.streams().size()).put("offset", selection.offset()).put("limit", NAMES_LIMIT);
        List<StreamView> page = page(selection, NAMES_LIMIT);
        if (page.isEmpty()) {
            reply.putNull("streams");
        } else {
            ArrayNode names = reply.putArray("streams");
            page.forEach(s -> names.add(s.config().name()));
        }
        return reply;
    }

    ObjectNode list(byte[] body) throws JsApiException {
        Selection selection = select(body);
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.STREAM_LIST);
        reply.put("total", selection.streams().size()).put("offset", selection.offset()).put("limit", LIST_LIMIT);
        ArrayNode infos = reply.putArray("streams");
        for (StreamView stream : page(selection, LIST_LIMIT)) {
            infos.add(StreamInfoJson.info(stream, StreamInfoJson.Extras.withDomain(domain)));
        }
        return reply;
    }

    private static List<StreamView> page(Selection selection, int limit) {
        List<StreamView> all = selection.streams();
        return all.subList(selection.offset(), Math.min(all.size(), selection.offset() + limit));
    }

    ObjectNode delete(String apiSubject, byte[] body) throws JsApiException {
        if (!RequestBody.isEmpty(body)) {
            throw new JsApiException(JsErrorKind.NOT_EMPTY_REQUEST.error());
        }
        StreamView stream = find(streamName(apiSubject, "STREAM.DELETE."));
        streams.delete(stream);
        return JsApiResponses.typed(JsApiEndpoint.STREAM_DELETE).put("success", true);
    }

    ObjectNode purge(String apiSubject, byte[] body) throws JsApiException {
        String filter = "";
        long seq = 0;
        long keep = 0;
        if (!RequestBody.isEmpty(body)) {
            GoJsonObject request = RequestBody.parse(body);
            seq = request.unsigned("seq");
            filter = request.string("filter");
            keep = request.unsigned("keep");
            if (seq != 0 && keep != 0) {
                throw new JsApiException(JsErrorKind.BAD_REQUEST.error());
            }
        }
        StreamView stream = find(streamName(apiSubject, "STREAM.PURGE."));
        if (stream.config().sealed()) {
            throw new JsApiException(JsErrorKind.STREAM_SEALED.error());
        }
        if (stream.config().denyPurge()) {
            throw new JsApiException(JsErrorKind.STREAM_PURGE_FAILED.error("stream purge not permitted"));
        }
        long purged;
        try {
            purged = stream.purge(filter, seq, keep);
        } catch (JsApiException e) {
            throw JsApiException.notCounted(e.error());
        }
        return JsApiResponses.typed(JsApiEndpoint.STREAM_PURGE).put("success", true).put("purged", purged);
    }

    StreamView find(String name) throws JsApiException {
        return streams.lookup(name).orElseThrow(() -> new JsApiException(JsErrorKind.STREAM_NOT_FOUND.error()));
    }
}
