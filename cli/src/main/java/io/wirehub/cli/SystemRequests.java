package io.wirehub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the servers a {@code $SYS.REQ...} question, as natscli's server and account commands do:
 * one request, every server's answer until the timeout (or until {@code expected} answered).
 * The answers are nats-server's {@code {"server":{...},"data":{...}}} documents, or
 * {@code {"error":{...}}} ones.
 */
final class SystemRequests {
    static final ObjectMapper JSON = new ObjectMapper();

    private SystemRequests() {
    }

    /**
     * @param expected stop after this many answers; 0 to wait the whole timeout
     * @return the answers in arrival order, empty when nobody answered (not a system account user)
     */
    static List<JsonNode> gather(Connection nc, String subject, String body, Duration timeout, int expected)
            throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        String inbox = nc.createInbox();
        Subscription replies = nc.subscribe(inbox);
        nc.publish(subject, inbox, body.getBytes(StandardCharsets.UTF_8));
        nc.flush(timeout);
        List<JsonNode> answers = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (expected == 0 || answers.size() < expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Message message = replies.nextMessage(Duration.ofNanos(left));
            if (message == null) {
                break;
            }
            if (message.getData() != null && message.getData().length > 0) {
                answers.add(JSON.readTree(message.getData()));
            }
        }
        replies.unsubscribe();
        return answers;
    }

    /** The one-line failure when no server answered a system request. */
    static UserFacingException noAnswer(String subject) {
        return new UserFacingException("no server answered " + subject + ": it takes a user of the system account"
                + " (--creds, --user; see system_account)");
    }
}
