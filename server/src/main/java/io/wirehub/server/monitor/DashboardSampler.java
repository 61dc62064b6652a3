package io.wirehub.server.monitor;

import io.wirehub.server.monitor.Dashboard.BusyConnection;
import io.wirehub.server.monitor.Dashboard.BusySubject;
import io.wirehub.server.monitor.Dashboard.Latency;
import io.wirehub.server.monitor.Dashboard.Series;
import io.wirehub.server.stats.ConnectionActivity;
import io.wirehub.server.stats.ServerDescription;
import io.wirehub.server.stats.ServerTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Takes the server's figures once a second and keeps the last two minutes, so the dashboard shows
 * rates and recent percentiles from the moment it opens. Costs one pass over the open connections'
 * counters a second, and nothing on the message path.
 *
 * <p>Thread-safe: {@link #sample} runs on the server's timer thread, {@link #dashboard} on HTTP
 * threads; {@link #lock} guards the history and the busiest-connections list.
 */
final class DashboardSampler {
    static final int HISTORY_SECONDS = 120;
    /** Recent percentiles cover this many seconds: enough observations to mean something. */
    static final int LATENCY_WINDOW_SECONDS = 10;
    private static final int TOP = 10;
    /** How many JetStream consumers the page lists, most lagging first. */
    private static final int CONSUMERS = 20;

    /** The figures of one moment. */
    private record Sample(long nanos, long epochMillis, long inMessages, long outMessages, long inBytes,
                          long outBytes, int connections, BucketCounts setup, BucketCounts requestReply,
                          BucketCounts rtt) {
    }

    private final ServerView server;
    private final ReentrantLock lock = new ReentrantLock();
    /** guarded by lock; oldest first, at most HISTORY_SECONDS + 1 */
    private final ArrayDeque<Sample> history = new ArrayDeque<>();
    /** guarded by lock: each open connection's counters at the last sample */
    private Map<Long, ConnectionActivity> lastActivity = Map.of();
    /** guarded by lock */
    private List<BusyConnection> busiest = List.of();

    DashboardSampler(ServerView server) {
        this.server = server;
    }

    /** Records the figures of now; called once a second. */
    void sample() {
        ServerTotals stats = server.totals();
        List<ConnectionActivity> activity = server.connectionActivity();
        Sample now = new Sample(System.nanoTime(), System.currentTimeMillis(), stats.inMessages(),
                stats.outMessages(), stats.inBytes(), stats.outBytes(), activity.size(),
                BucketCounts.of(server.connectionSetupLatency()), BucketCounts.of(server.requestReplyLatency()),
                BucketCounts.of(server.roundTripLatency()));
        lock.lock();
        try {
            Sample previous = history.peekLast();
            if (previous != null) {
                busiest = busiestConnections(activity, lastActivity, seconds(previous, now));
            }
            Map<Long, ConnectionActivity> byId = new HashMap<>(activity.size() * 2);
            for (ConnectionActivity a : activity) {
                byId.put(a.cid(), a);
            }
            lastActivity = byId;
            history.addLast(now);
            while (history.size() > HISTORY_SECONDS + 1) {
                history.removeFirst();
            }
        } finally {
            lock.unlock();
        }
    }

    private static List<BusyConnection> busiestConnections(List<ConnectionActivity> now,
                                                          Map<Long, ConnectionActivity> before, double seconds) {
        List<BusyConnection> all = new ArrayList<>();
        for (ConnectionActivity a : now) {
            ConnectionActivity b = before.get(a.cid());
            long inMsgs = a.inMessages() - (b == null ? 0 : b.inMessages());
            long outMsgs = a.outMessages() - (b == null ? 0 : b.outMessages());
            if (inMsgs == 0 && outMsgs == 0) {
                continue;
            }
            long inBytes = a.inBytes() - (b == null ? 0 : b.inBytes());
            long outBytes = a.outBytes() - (b == null ? 0 : b.outBytes());
            all.add(new BusyConnection(a.cid(), a.name(), a.ip(), a.port(), inMsgs / seconds, outMsgs / seconds,
                    inBytes / seconds, outBytes / seconds, a.inMessages(), a.outMessages()));
        }
        all.sort(Comparator.comparingDouble((BusyConnection c) -> c.inMessagesPerSecond() + c.outMessagesPerSecond())
                .reversed());
        return List.copyOf(all.subList(0, Math.min(TOP, all.size())));
    }

    Dashboard dashboard(Instant now) {
        List<Sample> samples;
        List<BusyConnection> busy;
        lock.lock();
        try {
            samples = new ArrayList<>(history);
            busy = busiest;
        } finally {
            lock.unlock();
        }
        ServerTotals stats = server.totals();
        ServerDescription description = server.description();
        List<BusySubject> subjects = server.busiestSubjects(TOP).stream()
                .map(s -> new BusySubject(s.subject(), s.messages())).toList();
        List<Latency> latency = List.of(
                latency("request_reply", "Request-reply", samples, Sample::requestReply,
                        BucketCounts.of(server.requestReplyLatency())),
                latency("connection_setup", "Connection set-up", samples, Sample::setup,
                        BucketCounts.of(server.connectionSetupLatency())),
                latency("client_rtt", "Server-to-client RTT", samples, Sample::rtt,
                        BucketCounts.of(server.roundTripLatency())));
        return new Dashboard(description.serverId(), description.serverName(), description.version(), now.toString(),
                GoFormat.uptime(Duration.between(description.startedAt(), now)), server.connectionCount(),
                stats.totalConnections(), server.subscriptionCount(), stats.slowConsumers(), stats.inMessages(),
                stats.outMessages(), stats.inBytes(), stats.outBytes(), series(samples), latency, subjects, busy,
                consumers());
    }

    /** The consumers lagging most, at most {@link #CONSUMERS} of them (the page stays a glance). */
    private List<Dashboard.ConsumerLag> consumers() {
        List<Dashboard.ConsumerLag> all = new ArrayList<>();
        for (var account : server.jetStreamAccounts(true)) {
            for (var stream : account.streams()) {
                for (var c : stream.consumers()) {
                    all.add(new Dashboard.ConsumerLag(account.name(), stream.name(), c.name(),
                            c.pull() ? "pull" : "push", c.numPending(), c.numAckPending(), c.numRedelivered(),
                            c.numWaiting()));
                }
            }
        }
        all.sort(java.util.Comparator.comparingLong(Dashboard.ConsumerLag::lag).reversed()
                .thenComparing(Dashboard.ConsumerLag::stream).thenComparing(Dashboard.ConsumerLag::consumer));
        return all.size() > CONSUMERS ? List.copyOf(all.subList(0, CONSUMERS)) : all;
    }

    private static Series series(List<Sample> samples) {
        int points = Math.max(0, samples.size() - 1);
        List<Long> time = new ArrayList<>(points);
        List<Double> inMsgs = new ArrayList<>(points);
        List<Double> outMsgs = new ArrayList<>(points);
        List<Double> inBytes = new ArrayList<>(points);
        List<Double> outBytes = new ArrayList<>(points);
        List<Integer> connections = new ArrayList<>(points);
        List<Double> p50 = new ArrayList<>(points);
        List<Double> p99 = new ArrayList<>(points);
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            double seconds = seconds(a, b);
            time.add(b.epochMillis());
            inMsgs.add(round((b.inMessages() - a.inMessages()) / seconds));
            outMsgs.add(round((b.outMessages() - a.outMessages()) / seconds));
            inBytes.add(round((b.inBytes() - a.inBytes()) / seconds));
            outBytes.add(round((b.outBytes() - a.outBytes()) / seconds));
            connections.add(b.connections());
            BucketCounts second = b.requestReply().since(a.requestReply());
            p50.add(millis(second.quantile(0.5)));
            p99.add(millis(second.quantile(0.99)));
        }
        return new Series(time, inMsgs, outMsgs, inBytes, outBytes, connections, p50, p99);
    }

    private static Latency latency(String name, String label, List<Sample> samples,
                                   Function<Sample, BucketCounts> figure, BucketCounts all) {
        BucketCounts recent = all;
        int window = 0;
        if (!samples.isEmpty()) {
            int from = Math.max(0, samples.size() - 1 - LATENCY_WINDOW_SECONDS);
            recent = all.since(figure.apply(samples.get(from)));
            window = (int) Math.round((System.nanoTime() - samples.get(from).nanos()) / 1e9);
        }
        return new Latency(name, label, window, recent.total(), millis(recent.quantile(0.5)),
                millis(recent.quantile(0.9)), millis(recent.quantile(0.99)), all.total(), millis(all.quantile(0.5)),
                millis(all.quantile(0.9)), millis(all.quantile(0.99)));
    }

    private static double seconds(Sample a, Sample b) {
        return Math.max(1e-3, (b.nanos() - a.nanos()) / 1e9);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Seconds to milliseconds with three decimals (µs resolution); null for "no observations". */
    private static Double millis(double seconds) {
        return Double.isNaN(seconds) ? null : Math.round(seconds * 1e6) / 1000.0;
    }
}
