package io.wirehub.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublisherCacheTest {
    private static final MessageSink SINK = NoOpSink.INSTANCE;

    @Test
    void hitsReturnTheSameResultAndChangesInvalidate() {
        SubjectIndex index = new SubjectIndex(true);
        Subscription first = new Subscription(SINK, "a.b", null, new byte[] {'1'});
        index.insert(first);
        PublisherCache cache = new PublisherCache();
        byte[] line = "xxa.byy".getBytes(StandardCharsets.US_ASCII);
        MatchResult once = cache.lookup(index, line, 2, 3);
        assertThat(once.plain()).containsExactly(first);
        assertThat(cache.lookup(index, line, 2, 3)).isSameAs(once);

        Subscription second = new Subscription(SINK, "a.*", null, new byte[] {'2'});
        index.insert(second);
        assertThat(cache.lookup(index, line, 2, 3).plain()).containsExactlyInAnyOrder(first, second);
        index.remove(first);
        assertThat(cache.lookup(index, line, 2, 3).plain()).containsExactly(second);
    }

    @Test
    void hitsAllocateNothing() {
        SubjectIndex index = new SubjectIndex(true);
        index.insert(new Subscription(SINK, "orders.new", null, new byte[] {'1'}));
        PublisherCache cache = new PublisherCache();
        byte[] line = "orders.new".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100_000; i++) {
            cache.lookup(index, line, 0, line.length);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int found = 0;
        for (int i = 0; i < 100_000; i++) {
            found += cache.lookup(index, line, 0, line.length).plain().length;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(found).isEqualTo(100_000);
        assertThat(allocated).as("bytes allocated by 100k hits").isLessThan(10_000);
    }

    @Test
    void growsForAPublisherSendingToManySubjectsAndStaysSmallForFew() {
        SubjectIndex index = new SubjectIndex(true);
        byte[][] subjects = new byte[1000][];
        for (int i = 0; i < subjects.length; i++) {
            index.insert(new Subscription(SINK, "spread." + i, null, Integer.toString(i).getBytes()));
            subjects[i] = ("spread." + i).getBytes(StandardCharsets.US_ASCII);
        }
        PublisherCache few = new PublisherCache();
        PublisherCache many = new PublisherCache();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < subjects.length; i++) {
                byte[] one = subjects[i % 8];
                assertThat(few.lookup(index, one, 0, one.length).plain()).hasSize(1);
                MatchResult result = many.lookup(index, subjects[i], 0, subjects[i].length);
                assertThat(result.plain()).hasSize(1);
                assertThat(result.plain()[0].subject()).isEqualTo("spread." + i);
            }
        }
        assertThat(few.slots()).isEqualTo(PublisherCache.FIRST_SLOTS);
        assertThat(many.slots()).isEqualTo(PublisherCache.MAX_SLOTS);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < subjects.length; i++) {
            many.lookup(index, subjects[i], 0, subjects[i].length);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 1,000 subjects in 4,096 direct-mapped slots: a few collide and miss; most hit.
        assertThat(allocated).as("bytes allocated by a round over 1,000 cached subjects").isLessThan(40_000);
    }

    @Test
    void theHashDependsOnTheSubjectBytesOnlyAndSpreadsSimilarSubjects() {
        byte[] line = "xx.orders.eu.12345678.created yy".getBytes(StandardCharsets.US_ASCII);
        byte[] alone = "orders.eu.12345678.created".getBytes(StandardCharsets.US_ASCII);
        assertThat(PublisherCache.hash(line, 3, alone.length)).isEqualTo(PublisherCache.hash(alone, 0, alone.length));
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] subject = ("device." + i + ".telemetry").getBytes(StandardCharsets.US_ASCII);
            int hash = PublisherCache.hash(subject, 0, subject.length);
            slots.add((hash ^ (hash >>> 16)) & (PublisherCache.MAX_SLOTS - 1));
        }
        // 1,000 keys thrown at 4,096 slots at random fill ~890 of them; a weak hash fills far fewer.
        assertThat(slots.size()).isGreaterThan(850);
    }
}
