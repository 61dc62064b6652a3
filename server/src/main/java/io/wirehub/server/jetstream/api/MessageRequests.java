package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.util.Base64;
import java.util.Optional;

/** STREAM.MSG.GET and STREAM.MSG.DELETE, as nats-server 2.10 answers them. */
final class MessageRequests {
    private final StreamRequests streams;

    MessageRequests(StreamRequests streams) {
        this.streams = streams;
    }

    /** What a MSG.GET or DIRECT.GET body asks for. */
    record GetRequest(long seq, String lastFor, String nextFor) {

        /** nats-server's rules: seq with last_by_subj, last with next, or nothing set, is a bad request. */
        boolean valid() {
            if (seq > 0 && !lastFor.isEmpty() || seq == 0 && lastFor.isEmpty() && nextFor.isEmpty()) {
                return false;
            }
            return lastFor.isEmpty() || nextFor.isEmpty();
        }

        Optional<StoredMessage> find(StreamView stream) {
            if (seq > 0 && nextFor.isEmpty()) {
                return stream.message(seq);
            }
            if (!nextFor.isEmpty()) {
                return stream.nextMessage(nextFor, seq);
            }
            return stream.lastMessage(lastFor);
        }

        static GetRequest parse(byte[] body) throws JsApiException {
            GoJsonObject o = RequestBody.parse(body);
            return new GetRequest(o.unsigned("seq"), o.string("last_by_subj"), o.string("next_by_subj"));
        }
    }

    ObjectNode get(String apiSubject, byte[] body) throws JsApiException {
        if (RequestBody.isEmpty(body)) {
            throw new JsApiException(JsErrorKind.BAD_REQUEST.error());
        }
        GetRequest request = GetRequest.parse(body);
        if (!request.valid()) {
            throw new JsApiException(JsErrorKind.BAD_REQUEST.error());
        }
        StreamView stream = streams.find(apiSubject.substring("STREAM.MSG.GET.".length()));
        StoredMessage message = request.find(stream)
                .orElseThrow(() -> new JsApiException(JsErrorKind.NO_MESSAGE_FOUND.error()));
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.MSG_GET);
        ObjectNode m = reply.putObject("message");
        m.put("subject", message.subject());
        m.put("seq", message.seq());
        Base64.Encoder base64 = Base64.getEncoder();
        if (message.headers().length > 0) {
            m.put("hdrs", base64.encodeToString(message.headers()));
        }
        if (message.payload().length > 0) {
            m.put("data", base64.encodeToString(message.payload()));
        }
        m.put("time", StreamInfoJson.time(message.timestampNanos()));
        return reply;
    }

    ObjectNode delete(String apiSubject, byte[] body) throws JsApiException {
        if (RequestBody.isEmpty(body)) {
            throw new JsApiException(JsErrorKind.BAD_REQUEST.error());
        }
        GoJsonObject request = RequestBody.parse(body);
        long seq = request.unsigned("seq");
        boolean noErase = request.bool("no_erase");
        StreamView stream = streams.find(apiSubject.substring("STREAM.MSG.DELETE.".length()));
        if (stream.config().sealed()) {
            throw new JsApiException(JsErrorKind.STREAM_SEALED.error());
        }
        if (stream.config().denyDelete()) {
            throw new JsApiException(JsErrorKind.STREAM_MSG_DELETE_FAILED.error("message delete not permitted"));
        }
        boolean removed;
        try {
            removed = stream.deleteMessage(seq, !noErase);
        } catch (JsApiException e) {
            throw JsApiException.notCounted(e.error());
        }
        if (!removed) {
            throw JsApiException.notCounted(JsErrorKind.SEQUENCE_NOT_FOUND.error(Long.toUnsignedString(seq)));
        }
        return JsApiResponses.typed(JsApiEndpoint.MSG_DELETE).put("success", true);
    }
}
