package io.wirehub.bench;

import io.nats.client.api.StorageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The loads of a side-by-side run, each driven twice: by jnats (what a Java user sees) and by a
 * raw client that batches its writes (so the server, not the client, is the limit). Message
 * counts scale from one base count so a run stays a few seconds per load.
 */
final class ScenarioList {
    private static final int SMALL = 16;
    private static final int MEDIUM = 1024;
    private static final int LARGE = 64 * 1024;
    private static final BenchTransport TCP = BenchTransport.TCP;

    private ScenarioList() {
    }

    /** Every load of the list, on plain TCP; the leaf link's hub is {@code natsServer}. */
    static List<Scenario> full(int base, java.nio.file.Path natsServer) {
        List<Scenario> list = new ArrayList<>();
        // what jnats users see
        list.add(new JnatsFanOut(SMALL, 0, false, base, TCP));
        list.add(new JnatsFanOut(MEDIUM, 0, false, base / 2, TCP));
        list.add(new JnatsFanOut(LARGE, 0, false, base / 100, TCP));
        list.add(JnatsFanOut.pubSub(SMALL, base, TCP));
        list.add(JnatsFanOut.pubSub(MEDIUM, base / 2, TCP));
        list.add(JnatsFanOut.pubSub(LARGE, base / 100, TCP));
        list.add(new JnatsFanOut(SMALL, 8, false, base / 8, TCP));
        list.add(new JnatsFanOut(SMALL, 4, true, base / 2, TCP));
        list.add(new RequestReply(base / 50, 1));
        list.add(new RequestReply(base / 25, 16));
        list.add(new ConnectSetup(300, false));
        // the server as the limit
        list.add(new RawFanOut(SMALL, 0, false, base * 2, TCP));
        list.add(new RawFanOut(MEDIUM, 0, false, base, TCP));
        list.add(new RawFanOut(LARGE, 0, false, base / 50, TCP));
        list.add(RawFanOut.pubSub(SMALL, base * 2));
        list.add(RawFanOut.pubSub(MEDIUM, base));
        list.add(RawFanOut.pubSub(LARGE, base / 50));
        list.add(new RawFanOut(SMALL, 8, false, base / 2, TCP));
        list.add(new RawFanOut(SMALL, 4, true, base * 2, TCP));
        list.add(new RawRequestReply(base / 50, 1));
        list.add(new RawRequestReply(base / 10, 16));
        list.add(new ConnectSetup(2000, true));
        list.add(new IdleConnections(10_000));
        list.add(new LeafLink(natsServer, base / 4, base / 200));
        list.addAll(jetStream(base));
        return list;
    }

    /**
     * JetStream (issues 14 and 15): the servers then run with -js and a temporary store directory.
     * Publishing 16 B and 1 KiB, file and memory, one and 256 in flight; Wirehub alone under
     * sync_interval always; requests against a stream of 1 M messages; restart with 1 GiB stored;
     * consuming three ways; publish-to-delivery latency. Each stays within a few seconds a run.
     */
    static List<Scenario> jetStream(int base) {
        List<Scenario> list = new ArrayList<>();
        for (int size : new int[] {SMALL, MEDIUM}) {
            for (StorageType storage : new StorageType[] {StorageType.File, StorageType.Memory}) {
                list.add(new JsPublish(storage, size, 1, base / 100));
                list.add(new JsPublish(storage, size, 256, size == SMALL ? base / 10 : base / 20));
            }
        }
        list.add(new JsSyncAlways(2.0));
        list.add(new JsLargeStream(1_000_000, 2000, 20_000));
        list.add(new JsRestart(1L << 30, 16 * 1024));
        list.add(new JsConsume(JsConsume.Way.PUSH_NO_ACKS, base / 20));
        list.add(new JsConsume(JsConsume.Way.FETCH_100, base / 20));
        list.add(new JsConsume(JsConsume.Way.CONSUME, base / 20));
        list.add(new JsDeliveryLatency(5000, 3.0));
        list.add(new KvLoad(KvLoad.Kind.PUT, base / 100));
        list.add(new KvLoad(KvLoad.Kind.GET, base / 50));
        list.add(new KvLoad(KvLoad.Kind.WATCH, base / 50));
        return list;
    }

    /** 1 KiB pub/sub over each transport, jnats and the raw client. */
    static List<Scenario> transports(int base) {
        List<Scenario> list = new ArrayList<>();
        for (BenchTransport transport : BenchTransport.values()) {
            list.add(JnatsFanOut.pubSub(MEDIUM, base / 2, transport));
        }
        for (BenchTransport transport : BenchTransport.values()) {
            list.add(new RawFanOut(MEDIUM, 1, false, base, transport));
        }
        return list;
    }

    /**
     * How cost grows (--curves): pub/sub throughput and request-reply latency with 1 to 10,000
     * idle connections beside them, routing among 1 to 1,000,000 subscriptions, and fan-out to 1
     * to 1,000 subscribers. Raw clients throughout, so the server's own cost is what grows.
     */
    static List<Scenario> curves(int base) {
        List<Scenario> list = new ArrayList<>();
        for (int idle : new int[] {1, 10, 100, 1000, 10_000}) {
            list.add(new OnCurve(new WithIdleConnections(RawFanOut.pubSub(SMALL, base * 2), idle),
                    new Scenario.CurvePoint("pub/sub 1→1 16 B beside idle connections (raw)", "idle connections", idle),
                    Set.of("msgs/s")));
            list.add(new OnCurve(new WithIdleConnections(new RawRequestReply(base / 100, 1), idle),
                    new Scenario.CurvePoint("request-reply beside idle connections (raw)", "idle connections", idle),
                    Set.of("p50", "p99")));
        }
        for (int subscriptions : new int[] {1, 1000, 10_000, 100_000, 1_000_000}) {
            list.add(new OnCurve(new SubjectSpread(subscriptions, base * 2),
                    new Scenario.CurvePoint("routing among subscriptions (raw)", "subscriptions", subscriptions),
                    Set.of("msgs/s", "subs/s")));
        }
        for (int subscribers : new int[] {1, 10, 100, 1000}) {
            list.add(new OnCurve(new RawFanOut(SMALL, subscribers, false, Math.max(2000, base * 2 / subscribers), TCP),
                    new Scenario.CurvePoint("fan-out 16 B (raw)", "subscribers", subscribers),
                    Set.of("msgs/s")));
        }
        return list;
    }

    /** Only the loads whose name matches {@code filter} (a regular expression found anywhere). */
    static List<Scenario> matching(List<Scenario> list, String filter) {
        if (filter == null) {
            return list;
        }
        Pattern pattern = Pattern.compile(filter);
        List<Scenario> kept = list.stream().filter(s -> pattern.matcher(s.name()).find()).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no load matches --only " + filter + "; the loads are: "
                    + list.stream().map(Scenario::name).toList());
        }
        return kept;
    }
}
