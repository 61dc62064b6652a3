package io.wirehub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;

/**
 * Request-reply with raw clients: a responder that answers every request it has read in one
 * write, and N requesters, each a connection subscribed to its own reply subject, sending the next
 * request when the reply arrived. The server's round trip, without jnats' cost in the way.
 */
final class RawRequestReply implements Scenario {
    private static final String SERVICE = "bench.rawservice";

    private final int requests;
    private final int requesters;
    /** Each requester goes on past its count until this much time has passed (0: the count only). */
    private final long atLeastNanos;

    RawRequestReply(int requests, int requesters) {
        this(requests, requesters, 0);
    }

    /** Keeps requesting for at least {@code atLeastSeconds} (scaled), for a load that must last. */
    RawRequestReply(int requests, int requesters, double atLeastSeconds) {
        this.requests = requests;
        this.requesters = requesters;
        this.atLeastNanos = (long) (atLeastSeconds * 1e9);
    }

    @Override
    public String name() {
        return "request-reply 16 B, " + requesters + (requesters == 1 ? " requester" : " requesters") + " (raw)";
    }

    @Override
    public List<Figure> run(BenchServer server, double scale) throws Exception {
        int perRequester = Math.max(200, (int) (requests * scale) / requesters);
        List<RawConnection> connections = new ArrayList<>();
        try (RawConnection responder = RawConnection.open(server, "SUB " + SERVICE + " 1\r\n")) {
            Thread answering = Thread.ofPlatform().daemon().name("bench-raw-responder").start(() -> answer(responder));
            List<Callable<Histogram>> loads = new ArrayList<>();
            for (int r = 0; r < requesters; r++) {
                String inbox = "_INBOX.raw." + r;
                RawConnection requester = RawConnection.open(server, "SUB " + inbox + " 1\r\n");
                connections.add(requester);
                long until = System.nanoTime() + (long) (atLeastNanos * scale);
                loads.add(() -> requestLoop(requester, inbox, perRequester, until));
            }
            List<Figure> figures = ConcurrentRequesters.run(loads, requesters > 1);
            responder.close();
            answering.join(5_000);
            return figures;
        } finally {
            connections.forEach(RawConnection::close);
        }
    }

    private static Histogram requestLoop(RawConnection requester, String inbox, int count, long until)
            throws IOException {
        byte[] request = ("PUB " + SERVICE + " " + inbox + " 16\r\n0123456789abcdef\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        MsgFrames replies = new MsgFrames(requester.in());
        Histogram histogram = LatencyFigures.histogram();
        for (int i = 0; i < count || System.nanoTime() - until < 0; i++) {
            long start = System.nanoTime();
            requester.write(request);
            replies.next();
            histogram.recordValue(System.nanoTime() - start);
        }
        return histogram;
    }

    /** Replies to every request; all requests already read go out in one write. */
    private static void answer(RawConnection responder) {
        MsgFrames requests = new MsgFrames(responder.in());
        ByteArrayOutputStream replies = new ByteArrayOutputStream(64 * 1024);
        try {
            while (true) {
                String replyTo = requests.next();
                replies.writeBytes(("PUB " + replyTo + " 16\r\n0123456789abcdef\r\n").getBytes(StandardCharsets.US_ASCII));
                if (!requests.hasWholeFrame()) {
                    responder.write(replies.toByteArray());
                    replies.reset();
                }
            }
        } catch (IOException closed) {
            // the run is over: the requesters are done and the responder was closed
        }
    }
}
