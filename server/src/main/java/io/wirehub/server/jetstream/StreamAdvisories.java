package io.wirehub.server.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.Router;
import java.util.function.Supplier;

/**
 * {@code $JS.EVENT.ADVISORY.STREAM.CREATED|UPDATED|DELETED.<stream>}: nats-server's
 * {@code stream_action} advisory, published in the stream's account when someone listens.
 * A create that finds the same stream already there sends none, as nats-server's does not.
 *
 * <p>Confined to the account's API worker thread, the only caller of create, update and delete.
 */
final class StreamAdvisories {
    static final String PREFIX = "$JS.EVENT.ADVISORY.STREAM.";

    enum Action {
        CREATE("CREATED.", "create"), MODIFY("UPDATED.", "modify"), DELETE("DELETED.", "delete");

        final String token;
        final String json;

        Action(String token, String json) {
            this.token = token;
            this.json = json;
        }
    }

    private final Router router;
    private final Supplier<InternalPublisher> publishers;
    private final String domain;
    /** Made on the first advisory anyone hears. */
    private InternalPublisher out;

    StreamAdvisories(Router router, Supplier<InternalPublisher> publishers, String domain) {
        this.router = router;
        this.publishers = publishers;
        this.domain = domain;
    }

    void send(Action action, String stream) {
        String subject = PREFIX + action.token + stream;
        if (!router.hasInterest(subject)) {
            return;
        }
        if (out == null) {
            out = publishers.get();
        }
        ObjectNode e = AdvisoryEvents.event(AdvisoryEvents.ADVISORY_TYPE + "stream_action");
        e.put("stream", stream);
        e.put("action", action.json);
        AdvisoryEvents.send(out, subject, e, domain);
    }
}
