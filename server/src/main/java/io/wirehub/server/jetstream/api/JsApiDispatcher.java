package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.config.JetStreamAccountLimits;
import io.wirehub.server.stats.JetStreamStats;
import java.util.Optional;

/**
 * Answers one account's {@code $JS.API.…} requests: subject to endpoint, endpoint to handler,
 * JSON in and out. Every answer is counted in the account's and the server's {@code api} figures
 * (errors too), whether or not the request had a reply subject, as nats-server counts them.
 *
 * <p>What answers: INFO (account info), the STREAM.* requests (create, update, info, names,
 * list, delete, purge), STREAM.MSG.GET / DELETE and the CONSUMER.* requests on the account's
 * {@link JsStreams}. In an
 * account without JetStream every endpoint answers 10039. Endpoints not served yet (snapshots), like unknown subjects, get no reply. Confined to the service's worker thread.
 */
public final class JsApiDispatcher {
    /** nats-server's text when a stream's store cannot be made (its errStreamStoreFailed). */
    public static final String STORE_FAILED = "error creating store for stream";

    private final JsAccount account;
    private final String domain;
    private final long serverDuplicateWindowNanos;
    private final JetStreamStats serverStats;
    private final JsStreams streams;
    private final StreamRequests streamRequests;
    private final MessageRequests messageRequests;
    private final ConsumerRequests consumerRequests;

    /**
     * @param domain                     the JetStream domain ("" for none)
     * @param serverDuplicateWindowNanos the server's {@code limits.duplicate_window}; 0 for none
     */
    public JsApiDispatcher(JsAccount account, String domain, long serverDuplicateWindowNanos,
                           JetStreamStats serverStats) {
        this(account, domain, serverDuplicateWindowNanos, serverStats, JsStreams.NONE, "");
    }

    /**
     * @param streams    the account's streams
     * @param serverName shown as {@code cluster.leader} in STREAM.INFO, as a single nats-server does
     */
    public JsApiDispatcher(JsAccount account, String domain, long serverDuplicateWindowNanos,
                           JetStreamStats serverStats, JsStreams streams, String serverName) {
        this(account, domain, serverDuplicateWindowNanos, serverStats, streams, serverName, 0, 0);
    }

    /**
     * @param serverMaxAckPending   the server's {@code limits.max_ack_pending} (0 for none)
     * @param serverMaxRequestBatch the server's {@code limits.max_request_batch} (0 for none)
     */
    public JsApiDispatcher(JsAccount account, String domain, long serverDuplicateWindowNanos,
                           JetStreamStats serverStats, JsStreams streams, String serverName,
                           long serverMaxAckPending, long serverMaxRequestBatch) {
        this.account = account;
        this.domain = domain;
        this.serverDuplicateWindowNanos = serverDuplicateWindowNanos;
        this.serverStats = serverStats;
        this.streams = streams;
        this.streamRequests = new StreamRequests(streams, domain, serverName);
        this.messageRequests = new MessageRequests(streamRequests);
        JetStreamAccountLimits limits = account.enabled() ? account.limits() : null;
        this.consumerRequests = new ConsumerRequests(streamRequests, new ConsumerLimitsContext(serverMaxAckPending,
                serverMaxRequestBatch, limits == null ? 0 : limits.maxAckPending(),
                limits == null ? 0 : limits.maxConsumers()));
    }

    /**
     * A reply, and whether nats-server would also report it in the API audit advisory (every
     * reply that goes through its API layer: all but a found STREAM.MSG.GET, sent straight back).
     */
    public record Answer(byte[] reply, boolean audited) {
    }

    /**
     * The reply to one request and whether it is audited, or empty when nats-server would send none.
     *
     * @param apiSubject the subject after {@code $JS.API.} (or {@code $JS.<domain>.API.})
     * @param body       the payload, without headers
     */
    public Optional<Answer> respond(String apiSubject, byte[] body) {
        JsApiEndpoint endpoint = JsApiEndpoint.of(apiSubject);
        if (endpoint == null || endpoint.systemOnly()) {
            return Optional.empty();
        }
        if (endpoint == JsApiEndpoint.STREAM_LEADER_STEPDOWN || endpoint == JsApiEndpoint.STREAM_REMOVE_PEER
                || endpoint == JsApiEndpoint.CONSUMER_LEADER_STEPDOWN) {
            // nats-server refuses these on a single server before it looks at the account.
            ObjectNode reply = JsApiResponses.error(endpoint, JsErrorKind.CLUSTER_REQUIRED.error());
            if (account.count(true)) {
                serverStats.apiRequest(true);
            }
            return Optional.of(new Answer(JsApiResponses.bytes(reply), true));
        }
        if (!account.enabled()) {
            // Not counted: an account without JetStream has no API figures.
            return Optional.of(new Answer(JsApiResponses.bytes(JsApiResponses.error(endpoint,
                    JsErrorKind.NOT_ENABLED_FOR_ACCOUNT.error())), true));
        }
        ObjectNode reply;
        boolean error;
        try {
            reply = answer(endpoint, apiSubject, body);
            error = reply != null && reply.has("error");
        } catch (JsApiException e) {
            reply = JsApiResponses.error(endpoint, e.error());
            error = e.countedAsError();
        }
        if (reply == null) {
            return Optional.empty();
        }
        // 2.10 sends a found message straight back, past the API's counters and its audit.
        boolean counted = reply.has("error") || endpoint != JsApiEndpoint.MSG_GET;
        if (counted && account.count(error)) {
            serverStats.apiRequest(error);
        }
        return Optional.of(new Answer(JsApiResponses.bytes(reply), counted));
    }

    private ObjectNode answer(JsApiEndpoint endpoint, String apiSubject, byte[] body) throws JsApiException {
        return switch (endpoint) {
            case ACCOUNT_INFO -> JsApiResponses.accountInfo(account, domain);
            case STREAM_CREATE -> streamRequests.create(apiSubject, body, checkContext());
            case STREAM_UPDATE -> streamRequests.update(apiSubject, body, checkContext());
            case STREAM_INFO -> streamRequests.info(apiSubject, body);
            case STREAM_NAMES -> streamRequests.names(body);
            case STREAM_LIST -> streamRequests.list(body);
            case STREAM_DELETE -> streamRequests.delete(apiSubject, body);
            case STREAM_PURGE -> streamRequests.purge(apiSubject, body);
            case MSG_GET -> messageRequests.get(apiSubject, body);
            case MSG_DELETE -> messageRequests.delete(apiSubject, body);
            case CONSUMER_CREATE, CONSUMER_CREATE_NAMED, DURABLE_CREATE ->
                    consumerRequests.create(endpoint, apiSubject, body);
            case CONSUMER_INFO -> consumerRequests.info(apiSubject, body);
            case CONSUMER_DELETE -> consumerRequests.delete(apiSubject, body);
            case CONSUMER_NAMES -> consumerRequests.names(apiSubject, body);
            case CONSUMER_LIST -> consumerRequests.list(apiSubject, body);
            default -> null;
        };
    }

    private StreamCheckContext checkContext() {
        JetStreamAccountLimits limits = account.limits();
        return new StreamCheckContext(serverDuplicateWindowNanos, limits.maxBytesRequired(),
                limits.memoryMaxStreamBytes(), limits.storeMaxStreamBytes(),
                name -> streams.lookup(name).map(StreamView::config));
    }
}
