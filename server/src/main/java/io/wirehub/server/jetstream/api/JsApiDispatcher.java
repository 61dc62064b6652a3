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
 * <p>What answers today: INFO (account info), and STREAM.CREATE up to its validation (a valid
 * config is refused with nats-server's "error creating store for stream" until streams are
 * stored). In an account without JetStream every endpoint answers 10039. Endpoints not served
 * yet, like unknown subjects, get no reply. Confined to the service's worker thread.
 */
public final class JsApiDispatcher {
    /** nats-server's text when a stream's store cannot be made (its errStreamStoreFailed). */
    static final String STORE_FAILED = "error creating store for stream";

    private final JsAccount account;
    private final String domain;
    private final long serverDuplicateWindowNanos;
    private final JetStreamStats serverStats;

    /**
     * @param domain                     the JetStream domain ("" for none)
     * @param serverDuplicateWindowNanos the server's {@code limits.duplicate_window}; 0 for none
     */
    public JsApiDispatcher(JsAccount account, String domain, long serverDuplicateWindowNanos,
                           JetStreamStats serverStats) {
        this.account = account;
        this.domain = domain;
        this.serverDuplicateWindowNanos = serverDuplicateWindowNanos;
        this.serverStats = serverStats;
    }

    /**
     * The reply to one request, or empty when nats-server would send none.
     *
     * @param apiSubject the subject after {@code $JS.API.} (or {@code $JS.<domain>.API.})
     * @param body       the payload, without headers
     */
    public Optional<byte[]> handle(String apiSubject, byte[] body) {
        JsApiEndpoint endpoint = JsApiEndpoint.of(apiSubject);
        if (endpoint == null || endpoint.systemOnly()) {
            return Optional.empty();
        }
        if (!account.enabled()) {
            // Not counted: an account without JetStream has no API figures.
            return Optional.of(JsApiResponses.bytes(JsApiResponses.error(endpoint,
                    JsErrorKind.NOT_ENABLED_FOR_ACCOUNT.error())));
        }
        ObjectNode reply = switch (endpoint) {
            case ACCOUNT_INFO -> JsApiResponses.accountInfo(account, domain);
            case STREAM_CREATE -> streamCreate(apiSubject, body);
            default -> null;
        };
        if (reply == null) {
            return Optional.empty();
        }
        boolean error = reply.has("error");
        if (account.count(error)) {
            serverStats.apiRequest(error);
        }
        return Optional.of(JsApiResponses.bytes(reply));
    }

    private ObjectNode streamCreate(String apiSubject, byte[] body) {
        String streamName = apiSubject.substring("STREAM.CREATE.".length());
        try {
            StreamConfig config = StreamConfigJson.parse(body);
            StreamConfigValidator.checkCreate(streamName, config, checkContext());
            return JsApiResponses.error(JsApiEndpoint.STREAM_CREATE, JsErrorKind.STREAM_CREATE.error(STORE_FAILED));
        } catch (JsApiException e) {
            return JsApiResponses.error(JsApiEndpoint.STREAM_CREATE, e.error());
        }
    }

    private StreamCheckContext checkContext() {
        JetStreamAccountLimits limits = account.limits();
        return new StreamCheckContext(serverDuplicateWindowNanos, limits.maxBytesRequired(),
                limits.memoryMaxStreamBytes(), limits.storeMaxStreamBytes(),
                name -> Optional.ofNullable(account.usage().stream(name)));
    }
}
