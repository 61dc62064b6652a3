package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.JsApiDispatcher;
import io.wirehub.server.jetstream.api.JsApiEndpoint;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's JetStream API: an internal client subscribed to {@code $JS.API.>} (and
 * {@code $JS.<domain>.API.>} when a domain is set) in that account's router, answering from one
 * worker thread through the account's {@link InternalPublisher}, as every internal service does.
 *
 * <p>It counts as a subscriber for every request it takes, so a request it does not answer times
 * out at the client instead of getting a no-responders status, as with nats-server. Requests past
 * the queue's bound are dropped (nats-server's request_queue_limit does the same, with a warning).
 */
public final class JetStreamApiService implements MessageSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamApiService.class);
    /** nats-server's default request_queue_limit. */
    static final int DEFAULT_QUEUE_LIMIT = 10_000;
    private static final ApiRequest STOP = new ApiRequest("", null, new byte[0], 0);

    private final Router router;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final String domainPrefix;
    private final LinkedBlockingQueue<ApiRequest> queue;
    /** Used by the worker thread only. */
    private final JsApiDispatcher dispatcher;
    /** Used by the worker thread only. */
    private final InternalPublisher replies;
    /** Used by the worker thread only. */
    private final ApiAudit audit;
    private final Thread worker;

    private JetStreamApiService(Router router, InternalPublisher replies, JsApiDispatcher dispatcher, String domain,
                                int queueLimit, String accountName, ApiAudit audit) {
        this.router = router;
        this.replies = replies;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.domainPrefix = domain.isEmpty() ? null : "$JS." + domain + ".API.";
        this.queue = new LinkedBlockingQueue<>(queueLimit);
        byte[] sid = "jsapi".getBytes(StandardCharsets.US_ASCII);
        subscriptions.add(new Subscription(this, JsApiEndpoint.PREFIX + ">", null, sid));
        if (domainPrefix != null) {
            subscriptions.add(new Subscription(this, domainPrefix + ">", null, sid));
        }
        this.worker = Thread.ofVirtual().name("wirehub-jsapi-" + accountName).unstarted(this::serve);
    }

    /**
     * Subscribes in the account's router and starts answering.
     *
     * @param replies    used by the service's worker thread only
     * @param serverName named in the audit advisory
     * @param clientRtt  client id to its measured round trip in nanoseconds (0 when unknown), for the audit
     */
    static JetStreamApiService start(Router router, InternalPublisher replies, JsApiDispatcher dispatcher,
                                     String domain, long queueLimit, String accountName, String serverName,
                                     LongUnaryOperator clientRtt) {
        int limit = queueLimit > 0 ? (int) Math.min(Integer.MAX_VALUE, queueLimit) : DEFAULT_QUEUE_LIMIT;
        ApiAudit audit = new ApiAudit(router, serverName, accountName, domain, clientRtt);
        JetStreamApiService service = new JetStreamApiService(router, replies, dispatcher, domain, limit, accountName,
                audit);
        service.subscriptions.forEach(router::subscribe);
        service.worker.start();
        return service;
    }

    /** On the publisher's thread: copy and queue. */
    @Override
    public boolean deliver(Subscription sub, PublishedMessage message) {
        if (!queue.offer(ApiRequest.copyOf(message))) {
            LOG.warn("JetStream API request queue limit reached, dropping a request on {}", message.subject());
        }
        return true;
    }

    @Override
    public void flushSignal() {
    }

    private void serve() {
        while (true) {
            ApiRequest request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (request == STOP) {
                return;
            }
            try {
                answer(request);
            } catch (RuntimeException e) {
                LOG.error("JetStream API failed on {}: {}", request.subject(), e.toString(), e);
            }
        }
    }

    private void answer(ApiRequest request) {
        String subject = request.subject();
        String apiSubject;
        if (subject.startsWith(JsApiEndpoint.PREFIX)) {
            apiSubject = subject.substring(JsApiEndpoint.PREFIX.length());
        } else if (domainPrefix != null && subject.startsWith(domainPrefix)) {
            apiSubject = subject.substring(domainPrefix.length());
        } else {
            return;
        }
        Optional<JsApiDispatcher.Answer> answer = dispatcher.respond(apiSubject, request.body());
        if (answer.isEmpty()) {
            return;
        }
        byte[] reply = answer.get().reply();
        if (request.reply() != null) {
            replies.publish(request.reply(), null, null, reply, 0, reply.length);
        }
        if (answer.get().audited()) {
            audit.audit(replies, request, reply);
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(router::unsubscribe);
        queue.clear();
        queue.offer(STOP);
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
