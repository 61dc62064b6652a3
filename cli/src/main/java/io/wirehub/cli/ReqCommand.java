package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.wirehub.cli.messaging.HeaderArguments;
import io.wirehub.cli.messaging.MessageBody;
import io.wirehub.client.cache.CacheStats;
import io.wirehub.client.cache.CachingRequester;
import io.wirehub.client.cache.SharedReplyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirehub req SUBJECT [BODY]}: sends a request and prints the reply's body to stdout (the
 * round trip on stderr). No responders, or no reply within --timeout, is an error: exit 1.
 *
 * <p>As natscli's: {@code --count N} sends N requests (body templates filled in per request),
 * {@code --replies N} waits for N replies to each ({@code 0}: all that come within the timeout),
 * each further reply waited for at most the mean round trip so far plus {@code --reply-timeout},
 * and an empty reply ends the wait early.
 */
@Command(name = "req", aliases = "request", mixinStandardHelpOptions = true,
        versionProvider = WirehubCommand.VersionProvider.class,
        description = "Send a request and print the reply. The body is read from stdin when not given.")
public final class ReqCommand implements Callable<Integer>, Console.User {
    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "Subject to send the request to.")
    private String subject;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BODY", description = "Request body (default: stdin).")
    private String body;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY:VALUE", description = "Add a header (repeatable).")
    private List<String> headers;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Send N requests (default 1).")
    private int count;

    @Option(names = "--replies", paramLabel = "N", defaultValue = "1",
            description = "Wait for N replies to each request; 0 waits for all that come within --timeout.")
    private int replies;

    @Option(names = "--reply-timeout", paramLabel = "DURATION", defaultValue = "300ms",
            converter = GoDurationConverter.class,
            description = "With several replies: the longest wait between them, beyond the mean round trip"
                    + " (default ${DEFAULT-VALUE}).")
    private Duration replyTimeout;

    @Option(names = "--wait-for-empty", description = "Wait for replies until an empty one arrives.")
    private boolean waitForEmpty;

    @Option(names = {"-r", "--raw"}, description = "Print only the replies' bodies.")
    private boolean raw;

    @Option(names = "--sleep", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "With --count: the time from one request to the next.")
    private Duration sleep;

    @Option(names = "--cache", description = "Answer a repeated request (same subject and body) from a cache while"
            + " the reply's Cache-Control: max-age=N allows; prints hits and misses. For idempotent requests only.")
    private boolean cache;

    @Option(names = "--cache-bucket", paramLabel = "BUCKET", description = "With --cache: share the cached replies with"
            + " other processes through this Key-Value bucket (JetStream), created when missing with --cache-ttl as"
            + " its max age.")
    private String cacheBucket;

    @Option(names = "--cache-ttl", paramLabel = "DURATION", converter = GoDurationConverter.class, defaultValue = "5m",
            description = "The max age of a --cache-bucket this command creates (default: ${DEFAULT-VALUE}); a reply"
                    + " is never served past its own max-age either.")
    private Duration cacheTtl;

    /** Bounds of the --cache cache: one run of the command, so small. */
    private static final int CACHE_ENTRIES = 1024;
    private static final long CACHE_BYTES = 16L << 20;

    private Console console;

    @Override
    public void console(Console c) {
        this.console = c;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new UserFacingException("--count must be at least 1");
        }
        if (replies < 0) {
            throw new UserFacingException("--replies cannot be negative");
        }
        int wanted = waitForEmpty ? Integer.MAX_VALUE : replies;
        MessageBody template = MessageBody.of(body, console.in());
        if (template.templateError() != null) {
            console.err().println("Could not parse body template: " + template.templateError());
        }
        Headers headerValues = HeaderArguments.parse(headers);
        if (cache && (headers != null && !headers.isEmpty() || replies != 1 || waitForEmpty)) {
            throw new UserFacingException("--cache takes one reply per request and no headers");
        }
        if (cacheBucket != null && !cache) {
            throw new UserFacingException("--cache-bucket shares the --cache cache: give --cache too");
        }
        try (Connection nc = Nats.connect(connection.jnats("wirehub req").build())) {
            CachingRequester cached = cache ? new CachingRequester(nc, CACHE_ENTRIES, CACHE_BYTES, sharedStore(nc)) : null;
            for (int i = 1; i <= count; i++) {
                long started = System.nanoTime();
                if (cached != null) {
                    requestCached(cached, template.render(i));
                } else {
                    requestOnce(nc, headerValues, template.render(i), wanted);
                }
                if (sleep != null && i < count) {
                    long left = sleep.toNanos() - (System.nanoTime() - started);
                    if (left > 0) {
                        Thread.sleep(Duration.ofNanos(left)); // pacing the user asked for, not synchronisation
                    }
                }
            }
            if (cached != null) {
                CacheStats stats = cached.stats();
                if (cacheBucket == null) {
                    console.err().printf("Cache: %d hits, %d misses%n", stats.hits(), stats.misses());
                } else {
                    console.err().printf("Cache: %d hits (%d from bucket %s), %d misses%s%n", stats.hits(),
                            stats.sharedHits(), cacheBucket, stats.misses(),
                            stats.sharedErrors() == 0 ? "" : ", " + stats.sharedErrors() + " bucket errors");
                }
            }
        } catch (java.io.IOException e) {
            throw Connections.failure(connection, e);
        }
        return ExitCodes.OK;
    }

    /** The --cache-bucket tier, or null; a server without JetStream is told in one line. */
    private SharedReplyStore sharedStore(Connection nc) throws java.io.IOException {
        if (cacheBucket == null) {
            return null;
        }
        try {
            return SharedReplyStore.open(nc, cacheBucket, cacheTtl);
        } catch (io.nats.client.JetStreamApiException e) {
            throw new UserFacingException("cache bucket \"" + cacheBucket + "\": " + e.getErrorDescription()
                    + " (" + e.getApiErrorCode() + ")");
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("cache bucket \"" + cacheBucket + "\": " + e.getMessage());
        }
    }

    /** One request through the cache: from it while fresh, else from the responder. */
    private void requestCached(CachingRequester cached, byte[] data) throws Exception {
        long started = System.nanoTime();
        Message message;
        try {
            message = cached.request(subject, data, connection.timeout());
        } catch (TimeoutException e) {
            throw new UserFacingException("no reply on \"" + subject + "\" within "
                    + connection.timeout().toMillis() + " ms");
        } catch (CancellationException e) {
            // jnats cancels the request when the server answers "no responders".
            throw new UserFacingException("no responders on \"" + subject + "\"");
        }
        if (message.isStatusMessage() && message.getStatus().getCode() == 503) {
            throw new UserFacingException("no responders on \"" + subject + "\"");
        }
        print(message, System.nanoTime() - started);
    }

    /** One request on an inbox of its own, and up to {@code wanted} replies (0: all within the timeout). */
    private void requestOnce(Connection nc, Headers headerValues, byte[] data, int wanted) throws Exception {
        String inbox = nc.createInbox();
        Subscription replySub = nc.subscribe(inbox);
        try {
            long started = System.nanoTime();
            nc.publish(subject, inbox, headerValues, data);
            Duration timeout = connection.timeout();
            long rttTotal = 0;
            int received = 0;
            while (true) {
                Message message = timeout.isNegative() || timeout.isZero() ? null : replySub.nextMessage(timeout);
                if (message == null) {
                    if (received == 0) {
                        throw new UserFacingException("no reply on \"" + subject + "\" within "
                                + connection.timeout().toMillis() + " ms");
                    }
                    return;
                }
                if (message.isStatusMessage() && message.getStatus().getCode() == 503) {
                    throw new UserFacingException("no responders on \"" + subject + "\"");
                }
                long rtt = System.nanoTime() - started;
                print(message, rtt);
                received++;
                byte[] body = message.getData();
                if (wanted > 0 && (received == wanted || body == null || body.length == 0)) {
                    return;
                }
                if (wanted == 0) {
                    timeout = connection.timeout().minusNanos(System.nanoTime() - started);
                } else {
                    rttTotal += rtt;
                    timeout = Duration.ofNanos(rttTotal / received).plus(replyTimeout);
                }
            }
        } finally {
            replySub.unsubscribe();
        }
    }

    private void print(Message message, long rttNanos) throws java.io.IOException {
        if (!raw) {
            console.err().printf(java.util.Locale.ROOT, "Received with rtt %.3f ms%n", rttNanos / 1e6);
        }
        console.out().write(message.getData() == null ? new byte[0] : message.getData());
        console.out().write('\n');
        console.out().flush();
    }
}
