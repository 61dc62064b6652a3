package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub consumer sub STREAM CONSUMER}: natscli's subAction. A push consumer's delivery
 * subject is subscribed (in its queue group, if any) and each message shown and acknowledged until
 * interrupted (or, a Wirehub addition for scripts, until {@code --count} messages); a pull consumer
 * gets one message, as {@code next}.
 */
@Command(name = "sub", mixinStandardHelpOptions = true, description = "Retrieves messages from consumers")
final class ConsumerSubCommand extends StoreVerb {
    @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
    String stream;
    @Parameters(index = "1", paramLabel = "CONSUMER", description = "Consumer name")
    String consumer;
    @Option(names = "--ack", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Acknowledge received message (default true)")
    Boolean ack;
    @Option(names = {"-r", "--raw"}, description = "Show only the message")
    boolean raw;
    @Option(names = "--deliver-group", description = "Deliver group of the consumer")
    String deliverGroup;
    @Option(names = "--count", defaultValue = "0", description = "Stop after this many messages (0: until"
            + " interrupted)")
    int count;

    /** Messages shown so far; guarded by this (the dispatcher's thread writes, the count ends the run). */
    private int shown;

    @Override
    void run(Connection nc) throws Exception {
        ConsumerInfo info = nc.jetStreamManagement().getConsumerInfo(stream, consumer);
        ConsumerConfiguration config = info.getConsumerConfiguration();
        boolean acking = ack && config.getAckPolicy() != AckPolicy.None;
        String target = config.getDeliverSubject();
        if (target == null || target.isEmpty()) {
            ConsumerNextCommand next = new ConsumerNextCommand();
            next.connection = connection;
            next.console = console;
            next.stream = stream;
            next.consumer = consumer;
            next.ack = acking;
            next.raw = raw;
            next.count = 1;
            next.run(nc);
            return;
        }
        if (!raw) {
            out().println("Subscribing to topic " + target + " auto acknowledgment: " + acking);
            out().println();
            out().println("Consumer Info:");
            out().println("  Ack Policy: " + ConsumerInfoView.ackPolicy(config.getAckPolicy()));
            if (config.getAckPolicy() != AckPolicy.None) {
                out().println("    Ack Wait: " + NatsFormat.goString(config.getAckWait()));
            }
            out().println();
            out().flush();
        }
        CountDownLatch enough = new CountDownLatch(count > 0 ? count : 1);
        Dispatcher dispatcher = nc.createDispatcher(m -> handle(nc, m, acking, enough));
        String group = config.getDeliverGroup();
        if (group == null || group.isEmpty()) {
            dispatcher.subscribe(target);
        } else {
            dispatcher.subscribe(target, group);
        }
        enough.await();
        nc.flush(connection.timeout());
    }

    private void handle(Connection nc, Message m, boolean acking, CountDownLatch enough) {
        // Idle heartbeats and flow control requests are answered, never shown (natscli does the same).
        if (m.isStatusMessage()) {
            if (m.getStatus().getCode() == 100) {
                String stalled = m.getHeaders() == null ? null : m.getHeaders().getFirst("Nats-Consumer-Stalled");
                if (stalled != null) {
                    nc.publish(stalled, null);
                } else if (m.getReplyTo() != null) {
                    nc.publish(m.getReplyTo(), null);
                }
            }
            return;
        }
        synchronized (this) {
            if (count > 0 && shown == count) {
                return; // enough shown; the rest stay unacknowledged for the next reader
            }
            shown++;
            JsDeliveryPrinter.sub(out(), m, raw);
            out().flush();
        }
        if (acking && m.getReplyTo() != null) {
            nc.publish(m.getReplyTo(), new byte[0]);
        }
        if (count > 0) {
            enough.countDown();
        }
    }
}
