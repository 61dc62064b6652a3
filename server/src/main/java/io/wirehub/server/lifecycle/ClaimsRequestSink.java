package io.wirehub.server.lifecycle;

import io.wirehub.server.auth.ClaimsUpdates;
import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal internal subscriber in the system account for the account resolver's requests
 * ({@link ClaimsUpdates#SUBJECTS}): copies each request off the publisher's thread into a bounded
 * queue, and one virtual thread answers them in order, replying through its own
 * {@link InternalPublisher}. Meant to be replaced by the system account's shared request service;
 * {@link ClaimsUpdates#handle} is the whole interface it needs.
 *
 * <p>The queue is the only state shared between routing threads and the serving thread.
 */
public final class ClaimsRequestSink implements MessageSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimsRequestSink.class);
    private static final int MAX_QUEUED = 1024;

    private record Request(String subject, String reply, byte[] payload) {
    }

    private final ClaimsUpdates claims;
    private final Router router;
    private final InternalPublisher publisher;
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Thread server;

    private ClaimsRequestSink(ClaimsUpdates claims, Router router, InternalPublisher publisher) {
        this.claims = claims;
        this.router = router;
        this.publisher = publisher;
        this.server = Thread.ofVirtual().name("wirehub-claims").unstarted(this::serve);
    }

    /** Subscribes to the resolver's subjects in the system account's router and starts serving. */
    public static ClaimsRequestSink start(ClaimsUpdates claims, Router systemRouter, InternalPublisher publisher) {
        ClaimsRequestSink sink = new ClaimsRequestSink(claims, systemRouter, publisher);
        int sid = 0;
        for (String subject : ClaimsUpdates.SUBJECTS) {
            systemRouter.subscribe(new Subscription(sink, subject, null,
                    ("claims-" + ++sid).getBytes(StandardCharsets.US_ASCII)));
        }
        sink.server.start();
        return sink;
    }

    @Override
    public boolean deliver(Subscription subscription, PublishedMessage message) {
        PublishArgs args = message.args();
        byte[] line = args.line();
        String subject = new String(line, args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1);
        String reply = args.replyLength() > 0
                ? new String(line, args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1) : null;
        int length = args.totalLength() - args.headerLength();
        byte[] payload = new byte[length];
        System.arraycopy(message.data(), message.dataOffset() + args.headerLength(), payload, 0, length);
        return queue.offer(new Request(subject, reply, payload));
    }

    @Override
    public void flushSignal() {
    }

    private void serve() {
        while (!Thread.currentThread().isInterrupted()) {
            Request request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                byte[] response = claims.handle(request.subject(), request.payload());
                if (response != null && request.reply() != null) {
                    publisher.publish(request.reply(), null, null, response, 0, response.length);
                }
            } catch (RuntimeException e) {
                LOG.error("Claims request on {} failed: {}", request.subject(), e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        server.interrupt();
    }

    public Router router() {
        return router;
    }
}
