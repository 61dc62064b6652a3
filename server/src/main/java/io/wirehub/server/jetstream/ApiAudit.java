package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.Router;
import java.nio.charset.StandardCharsets;
import java.util.function.LongUnaryOperator;

/**
 * {@code $JS.EVENT.ADVISORY.API}: nats-server's {@code api_audit} advisory, one per API reply,
 * in the account that asked, when someone there listens. It names the server, the client as
 * nats-server's API layer sees it (account, round-trip time, server), the subject, the request
 * (left out when empty) and the response, both as JSON text.
 *
 * <p>Confined to the account's API worker thread.
 */
final class ApiAudit {
    static final String SUBJECT = "$JS.EVENT.ADVISORY.API";
    private static final String TYPE = AdvisoryEvents.ADVISORY_TYPE + "api_audit";

    private final Router router;
    private final String serverName;
    private final String account;
    private final String domain;
    /** Client id to its measured round trip in nanoseconds; 0 when unknown or gone. */
    private final LongUnaryOperator rtt;

    ApiAudit(Router router, String serverName, String account, String domain, LongUnaryOperator rtt) {
        this.router = router;
        this.serverName = serverName;
        this.account = account;
        this.domain = domain;
        this.rtt = rtt;
    }

    void audit(InternalPublisher out, ApiRequest request, byte[] response) {
        if (!router.hasInterest(SUBJECT)) {
            return;
        }
        ObjectNode e = AdvisoryEvents.event(TYPE);
        e.put("server", serverName);
        ObjectNode client = e.putObject("client");
        client.put("acc", account);
        long nanos = request.clientId() == 0 ? 0 : rtt.applyAsLong(request.clientId());
        if (nanos > 0) {
            client.put("rtt", nanos);
        }
        client.put("server", serverName);
        e.put("subject", request.subject());
        if (request.body().length > 0) {
            e.put("request", new String(request.body(), StandardCharsets.UTF_8));
        }
        e.put("response", new String(response, StandardCharsets.UTF_8));
        AdvisoryEvents.send(out, SUBJECT, e, domain);
    }
}
