package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.ConsumerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub consumer next STREAM CONSUMER}: natscli's getNextMsgDirect, one pull request of
 * batch 1 (expiring after --timeout) per message, then +ACK, -NAK or +TERM on its reply subject.
 */
@Command(name = "next", mixinStandardHelpOptions = true,
        description = "Retrieves messages from Pull consumers without interactive prompts")
final class ConsumerNextCommand extends StoreVerb {
    @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
    String stream;
    @Parameters(index = "1", paramLabel = "CONSUMER", description = "Consumer name")
    String consumer;
    @Option(names = "--ack", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Acknowledge received message (default true; --no-ack to leave it pending)")
    Boolean ack;
    @Option(names = "--nak", description = "Perform a Negative Acknowledgement on the message")
    boolean nak;
    @Option(names = "--term", description = "Terms the message")
    boolean term;
    @Option(names = {"-r", "--raw"}, description = "Show only the message")
    boolean raw;
    @Option(names = "--wait", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Wait up to this period (a random part of it) to acknowledge messages")
    Duration ackDelayUpTo;
    @Option(names = "--count", defaultValue = "1", description = "Number of messages to try to fetch from the pull"
            + " consumer")
    int count;

    /** Whether --ack was given on the command line (a --term without it turns acking off, as natscli). */
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    void run(Connection nc) throws Exception {
        boolean acking = ack;
        if (term) {
            boolean ackGiven = spec.commandLine().getParseResult().hasMatchedOption("--ack");
            if (!ackGiven) {
                acking = false;
            }
            if (acking || nak) {
                throw new UserFacingException("can not both Acknowledge and Terminate message");
            }
        }
        for (int i = 0; i < count; i++) {
            next(nc, acking);
        }
    }

    private void next(Connection nc, boolean acking) throws Exception {
        Duration timeout = connection.timeout();
        String inbox = nc.createInbox();
        Subscription sub = nc.subscribe(inbox);
        sub.unsubscribe(1);
        String request = "{\"batch\":1,\"expires\":" + timeout.toNanos() + "}";
        nc.publish("$JS.API.CONSUMER.MSG.NEXT." + stream + "." + consumer, inbox,
                request.getBytes(StandardCharsets.UTF_8));
        Message msg = sub.nextMessage(timeout);
        if (msg == null) {
            failIfNotPull(nc);
            throw new UserFacingException("no message received: nats: timeout");
        }
        if (msg.isStatusMessage()) {
            // 503 (nothing there) and 409 "Consumer is push based" both mean: say what the consumer is.
            failIfNotPull(nc);
            throw new UserFacingException("no message received: " + msg.getStatus().getCode() + " "
                    + msg.getStatus().getMessage());
        }
        JsDeliveryPrinter.next(out(), msg, raw);
        if (term) {
            nc.publish(msg.getReplyTo(), "+TERM".getBytes(StandardCharsets.US_ASCII));
            nc.flush(timeout);
            out().println();
            out().println("Terminated message");
        }
        if (acking || nak) {
            // natscli's --wait: acknowledge after a random delay, to try a consumer's ack wait by hand.
            Duration delay = ackDelayUpTo == null || ackDelayUpTo.isZero() ? Duration.ZERO
                    : Duration.ofNanos(java.util.concurrent.ThreadLocalRandom.current().nextLong(ackDelayUpTo.toNanos()));
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            nc.publish(msg.getReplyTo(), (nak ? "-NAK" : "+ACK").getBytes(StandardCharsets.US_ASCII));
            nc.flush(timeout);
            if (!raw) {
                out().println();
                out().println((nak ? "Negative " : "") + "Acknowledged message"
                        + (delay.isZero() ? "" : " after " + NatsFormat.goString(delay) + " delay"));
                out().println();
            }
        }
        out().flush();
    }

    /** natscli's fatalIfNotPull: a push consumer's name here gets a clear answer, not a timeout. */
    private void failIfNotPull(Connection nc) throws Exception {
        ConsumerInfo info = nc.jetStreamManagement().getConsumerInfo(stream, consumer);
        String target = info.getConsumerConfiguration().getDeliverSubject();
        if (target != null && !target.isEmpty()) {
            throw new UserFacingException("consumer \"" + consumer + "\" is not a Pull consumer");
        }
    }
}
