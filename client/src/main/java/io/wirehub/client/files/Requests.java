package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.JsonParseException;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import io.nats.client.support.NatsRequestCompletableFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Requests to a relay sender (or JetStream), and what their answers mean. */
final class Requests {
    /** Why a request got no usable answer. */
    enum Failure {
        /** Nobody subscribed, or the service declined (its queue is full): worth retrying after a pause. */
        NO_RESPONDERS,
        /** No answer in time: the request or the answer may have been dropped. */
        TIMEOUT
    }

    /** A request that got no answer; {@link #failure} says whether retrying makes sense. */
    static final class Unanswered extends Exception {
        final Failure failure;

        Unanswered(Failure failure) {
            super(failure.name(), null, false, false);
            this.failure = failure;
        }
    }

    private Requests() {
    }

    static CompletableFuture<Message> send(Connection nc, String subject, Headers headers, byte[] body, Duration timeout) {
        return nc.requestWithTimeout(subject, headers, body, timeout);
    }

    /** Waits for the answer; a service error (Wh-Error) becomes a FileTransferException. */
    static Message await(CompletableFuture<Message> reply, Duration timeout) throws Unanswered, FileTransferException {
        Message message;
        try {
            message = reply.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            boolean timedOut = reply instanceof NatsRequestCompletableFuture f && f.wasCancelledTimedOut();
            throw new Unanswered(timedOut ? Failure.TIMEOUT : Failure.NO_RESPONDERS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new Unanswered(Failure.TIMEOUT);
        } catch (ExecutionException e) {
            throw new Unanswered(String.valueOf(e.getCause()).contains("503") ? Failure.NO_RESPONDERS : Failure.TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted");
        }
        if (message.isStatusMessage()) {
            throw new Unanswered(message.getStatus().getCode() == 503 ? Failure.NO_RESPONDERS : Failure.TIMEOUT);
        }
        String error = message.getHeaders() == null ? null : message.getHeaders().getFirst(FileProtocol.HEADER_ERROR);
        if (error != null) {
            throw new FileTransferException(error);
        }
        return message;
    }

    static JsonValue parse(byte[] data) throws FileTransferException {
        try {
            return JsonParser.parse(data);
        } catch (JsonParseException e) {
            throw new FileTransferException("the answer is not JSON: " + new String(data, StandardCharsets.UTF_8), e);
        }
    }
}
