package io.wirehub.bench.jmh;

import io.wirehub.server.routing.MatchResult;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.PublisherCache;
import io.wirehub.server.routing.SubjectIndex;
import io.wirehub.server.routing.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Subject lookups in an index of 10k to 1M subscriptions (literal subjects {@code svc.N.events}
 * plus a few wildcards): a literal hit, a miss, a subject that wildcards match, all through the
 * publisher's L1 cache as the router calls it, a publisher sending to 1,000 subjects in turn, and a
 * hit on the shared index without the L1 cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SubjectIndexBenchmark {
    @Param({"10000", "100000", "1000000"})
    int subscriptions;

    SubjectIndex index;
    PublisherCache cache;
    byte[] hit;
    byte[] miss;
    byte[] wildcard;
    String hitText;
    /** 1,000 hot subjects spread over the index, published to in turn (the --curves routing load). */
    byte[][] spread;
    int next;

    private static final MessageSink SINK = new MessageSink() {
        @Override
        public boolean deliver(Subscription subscription, PublishedMessage message) {
            return true;
        }

        @Override
        public void flushSignal() {
        }
    };

    @Setup
    public void setUp() {
        index = new SubjectIndex(true);
        for (int i = 0; i < subscriptions; i++) {
            index.insert(new Subscription(SINK, "svc." + i + ".events", null, Integer.toString(i).getBytes()));
        }
        index.insert(new Subscription(SINK, "svc.*.audit", null, "w1".getBytes()));
        index.insert(new Subscription(SINK, "svc.>", "monitors", "w2".getBytes()));
        cache = new PublisherCache();
        hitText = "svc." + (subscriptions / 2) + ".events";
        hit = hitText.getBytes(StandardCharsets.ISO_8859_1);
        miss = "other.thing.here".getBytes(StandardCharsets.ISO_8859_1);
        wildcard = ("svc." + (subscriptions / 3) + ".audit").getBytes(StandardCharsets.ISO_8859_1);
        spread = new byte[1000][];
        for (int k = 0; k < spread.length; k++) {
            spread[k] = ("svc." + ((long) k * subscriptions / spread.length) + ".events")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Benchmark
    public MatchResult spreadHitsThroughL1() {
        byte[] subject = spread[next];
        next = next + 1 == spread.length ? 0 : next + 1;
        return cache.lookup(index, subject, 0, subject.length);
    }

    @Benchmark
    public MatchResult literalHitThroughL1() {
        return cache.lookup(index, hit, 0, hit.length);
    }

    @Benchmark
    public MatchResult missThroughL1() {
        return cache.lookup(index, miss, 0, miss.length);
    }

    @Benchmark
    public MatchResult wildcardThroughL1() {
        return cache.lookup(index, wildcard, 0, wildcard.length);
    }

    @Benchmark
    public MatchResult literalHitSharedIndex() {
        return index.match(hitText);
    }
}
