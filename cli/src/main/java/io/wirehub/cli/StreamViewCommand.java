package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub stream view STREAM}: natscli's stream pager without the pages. An ephemeral
 * ordered consumer (as natscli's pager uses) reads from the start, {@code --id} or {@code --since},
 * optionally only {@code --subject}, and each message is printed as natscli prints it, until the
 * stream's end as it was when the view started (or {@code --count} messages).
 */
@Command(name = "view", mixinStandardHelpOptions = true, description = "View messages in a stream")
final class StreamViewCommand extends StoreVerb {
    /** Headers natscli leaves out of the view: the server's own metadata of direct gets. */
    private static final Set<String> HIDDEN = Set.of("Nats-Subject", "Nats-Stream", "Nats-Sequence",
            "Nats-Time-Stamp", "Nats-Num-Pending", "Nats-Last-Sequence", "Nats-UpTo-Sequnce");

    @Parameters(index = "0", paramLabel = "STREAM", description = "Stream name")
    String stream;
    @Option(names = "--id", description = "Start at a specific message Sequence")
    long startId;
    @Option(names = "--since", converter = GoDurationConverter.class,
            description = "Delivers messages received since a duration like 1h5m2s")
    Duration since;
    @Option(names = "--raw", description = "Show the raw data received")
    boolean raw;
    @Option(names = "--subject", description = "Filter the stream using a subject")
    String subject;
    @Option(names = "--count", defaultValue = "0", description = "Stop after this many messages (0: to the end)")
    long count;

    @Override
    void run(Connection nc) throws Exception {
        StreamInfo info = nc.jetStreamManagement().getStreamInfo(stream);
        long last = info.getStreamState().getLastSequence();
        if (info.getStreamState().getMsgCount() == 0 || startId > last) {
            console.err().println("Reached apparent end of data");
            return;
        }
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder();
        if (startId > 0) {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(startId);
        } else if (since != null) {
            config.deliverPolicy(DeliverPolicy.ByStartTime).startTime(ZonedDateTime.now().minus(since));
        }
        if (subject != null) {
            config.filterSubject(subject);
        }
        JetStream js = nc.jetStream();
        JetStreamSubscription sub = js.subscribe(subject == null ? null : subject, PushSubscribeOptions.builder()
                .stream(stream).ordered(true).configuration(config.build()).build());
        try {
            long shown = 0;
            while (count == 0 || shown < count) {
                Message m = sub.nextMessage(connection.timeout());
                if (m == null) {
                    break; // nothing (more) matches
                }
                show(m);
                shown++;
                NatsJetStreamMetaData meta = m.metaData();
                if (meta.pendingCount() == 0 || meta.streamSequence() >= last) {
                    break;
                }
            }
        } finally {
            sub.unsubscribe();
        }
        console.err().println("Reached apparent end of data");
    }

    private void show(Message m) {
        byte[] data = m.getData() == null ? new byte[0] : m.getData();
        String body = new String(data, StandardCharsets.UTF_8);
        if (raw) {
            out().println(body);
            return;
        }
        NatsJetStreamMetaData meta = m.metaData();
        out().println("[" + meta.streamSequence() + "] Subject: " + m.getSubject() + " Received: "
                + NatsFormat.time(meta.timestamp()));
        Headers headers = m.getHeaders();
        if (headers != null && !headers.isEmpty()) {
            out().println();
            for (String key : headers.keySet()) {
                if (HIDDEN.contains(key)) {
                    continue;
                }
                for (String value : headers.get(key)) {
                    out().println("  " + key + ": " + ("Nats-Stream-Source".equals(key)
                            ? value.replace("\f", "\u240A") : value));
                }
            }
        }
        // natscli's outPutMSGBody: the body, a blank line, and one more when the body has no newline.
        if (data.length == 0) {
            out().println("nil body");
        } else if (body.endsWith("\n")) {
            out().print(body);
        } else {
            out().println(body);
        }
        out().println();
        if (!body.endsWith("\n")) {
            out().println();
        }
    }
}
