package io.wirehub.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.subject.Subjects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every test runs with the match cache on and off. */
class SubjectIndexTest {

    private static final MessageSink SINK = NoOpSink.INSTANCE;

    private static int sids;

    private static Subscription sub(String subject) {
        return new Subscription(SINK, subject, null, Integer.toString(++sids).getBytes(StandardCharsets.US_ASCII));
    }

    private static Subscription queueSub(String subject, String queue) {
        return new Subscription(SINK, subject, queue, Integer.toString(++sids).getBytes(StandardCharsets.US_ASCII));
    }

    private static Set<Subscription> all(MatchResult result) {
        Set<Subscription> found = new HashSet<>(Arrays.asList(result.plain()));
        for (Subscription[] group : result.queueGroups()) {
            found.addAll(Arrays.asList(group));
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void literalsAndWildcards(boolean cache) {
        SubjectIndex index = new SubjectIndex(cache);
        Subscription exact = sub("foo.bar");
        Subscription star = sub("foo.*");
        Subscription starFirst = sub("*.bar");
        Subscription tail = sub("foo.>");
        Subscription everything = sub(">");
        Subscription deeper = sub("foo.bar.baz");
        for (Subscription s : List.of(exact, star, starFirst, tail, everything, deeper)) {
            assertThat(index.insert(s)).isTrue();
        }
        assertThat(all(index.match("foo.bar"))).containsExactlyInAnyOrder(exact, star, starFirst, tail, everything);
        assertThat(all(index.match("foo.bar.baz"))).containsExactlyInAnyOrder(deeper, tail, everything);
        assertThat(all(index.match("foo"))).containsExactlyInAnyOrder(everything);
        assertThat(all(index.match("nothing.here"))).containsExactlyInAnyOrder(everything);
        // Repeat: the second answer comes from the cache when it is on.
        assertThat(all(index.match("foo.bar"))).containsExactlyInAnyOrder(exact, star, starFirst, tail, everything);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void publishSubjectsWithWildcardTokensReachOnlyWildcards(boolean cache) {
        SubjectIndex index = new SubjectIndex(cache);
        Subscription literal = sub("foo.bar");
        Subscription star = sub("foo.*");
        Subscription tail = sub("foo.>");
        List.of(literal, star, tail).forEach(index::insert);
        assertThat(all(index.match("foo.*"))).containsExactlyInAnyOrder(star, tail);
        assertThat(all(index.match("foo.>"))).containsExactlyInAnyOrder(star, tail);
        assertThat(index.match("foo..bar").isEmpty()).isTrue();
        assertThat(index.match("foo.").isEmpty()).isTrue();
        assertThat(index.match("").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void invalidSubjectsAreRefusedAndLeaveNothingBehind(boolean cache) {
        SubjectIndex index = new SubjectIndex(cache);
        assertThat(index.insert(sub("foo..bar"))).isFalse();
        assertThat(index.insert(sub("foo.>.bar"))).isFalse();
        assertThat(index.insert(sub(""))).isFalse();
        assertThat(index.count()).isZero();
        List<Subscription> listed = new ArrayList<>();
        index.forEach(listed::add);
        assertThat(listed).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void queueSubscriptionsAreGroupedByName(boolean cache) {
        SubjectIndex index = new SubjectIndex(cache);
        Subscription a1 = queueSub("work.*", "a");
        Subscription a2 = queueSub("work.item", "a");
        Subscription b1 = queueSub("work.>", "b");
        Subscription plain = sub("work.item");
        List.of(a1, a2, b1, plain).forEach(index::insert);
        MatchResult result = index.match("work.item");
        assertThat(result.plain()).containsExactly(plain);
        assertThat(result.queueGroups().length).isEqualTo(2);
        List<Set<Subscription>> groups = new ArrayList<>();
        for (Subscription[] group : result.queueGroups()) {
            groups.add(new HashSet<>(Arrays.asList(group)));
        }
        assertThat(groups).containsExactlyInAnyOrder(Set.of(a1, a2), Set.of(b1));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void removalUpdatesCachedResultsAndPrunes(boolean cache) {
        SubjectIndex index = new SubjectIndex(cache);
        Subscription exact = sub("a.b.c");
        Subscription wild = sub("a.*.c");
        Subscription twin = sub("a.b.c");
        Subscription group = queueSub("a.b.c", "q");
        List.of(exact, wild, twin, group).forEach(index::insert);
        assertThat(all(index.match("a.b.c"))).containsExactlyInAnyOrder(exact, wild, twin, group);

        assertThat(index.remove(wild)).isTrue();
        assertThat(all(index.match("a.b.c"))).containsExactlyInAnyOrder(exact, twin, group);
        assertThat(index.remove(wild)).as("already gone").isFalse();
        assertThat(index.remove(group)).isTrue();
        assertThat(index.match("a.b.c").queueGroups().length).isZero();
        assertThat(index.remove(exact)).isTrue();
        assertThat(all(index.match("a.b.c"))).containsExactly(twin);

        // A later insert reaches the cached subject too.
        Subscription late = sub("a.>");
        index.insert(late);
        assertThat(all(index.match("a.b.c"))).containsExactlyInAnyOrder(twin, late);
        index.remove(twin);
        index.remove(late);
        assertThat(index.count()).isZero();
        assertThat(index.match("a.b.c").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void generationMovesOnEveryChange(boolean cache) {
        SubjectIndex index = new SubjectIndex(cache);
        long start = index.generation();
        Subscription s = sub("x");
        index.insert(s);
        long afterInsert = index.generation();
        index.remove(s);
        assertThat(afterInsert).isNotEqualTo(start);
        assertThat(index.generation()).isNotEqualTo(afterInsert);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hundredThousandSubscriptionsMatchLikeABruteForceReference(boolean cache) {
        Random random = new Random(7);
        String[] words = {"orders", "users", "eu", "us", "new", "paid", "shipped", "a", "b", "c", "d", "e"};
        SubjectIndex index = new SubjectIndex(cache);
        List<Subscription> subs = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            int depth = 1 + random.nextInt(4);
            StringBuilder subject = new StringBuilder();
            for (int t = 0; t < depth; t++) {
                if (t > 0) {
                    subject.append('.');
                }
                int roll = random.nextInt(20);
                if (roll == 0 && t == depth - 1) {
                    subject.append('>');
                } else if (roll == 1) {
                    subject.append('*');
                } else {
                    subject.append(words[random.nextInt(words.length)]).append(random.nextInt(30));
                }
            }
            Subscription s = random.nextInt(10) == 0 ? queueSub(subject.toString(), "q" + random.nextInt(3))
                    : sub(subject.toString());
            assertThat(index.insert(s)).isTrue();
            subs.add(s);
        }
        assertThat(index.count()).isEqualTo(100_000);
        for (int probe = 0; probe < 300; probe++) {
            int depth = 1 + random.nextInt(4);
            StringBuilder subject = new StringBuilder();
            for (int t = 0; t < depth; t++) {
                if (t > 0) {
                    subject.append('.');
                }
                subject.append(words[random.nextInt(words.length)]).append(random.nextInt(30));
            }
            String literal = subject.toString();
            Set<Subscription> expected = new HashSet<>();
            for (Subscription s : subs) {
                if (Subjects.matchesLiteral(literal, s.subject())) {
                    expected.add(s);
                }
            }
            assertThat(all(index.match(literal))).as(literal).isEqualTo(expected);
        }
        if (cache) {
            assertThat(index.stats().cachedSubjects()).isLessThanOrEqualTo(SubjectIndex.CACHE_MAX);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cacheStaysBounded(boolean cache) {
        SubjectIndex index = new SubjectIndex(cache);
        index.insert(sub(">"));
        for (int i = 0; i < 5000; i++) {
            assertThat(index.match("subject." + i).plain()).hasSize(1);
        }
        assertThat(index.stats().cachedSubjects()).isLessThanOrEqualTo(SubjectIndex.CACHE_MAX + 1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void concurrentChangesLeaveNoLostOrPhantomResults(boolean cache) throws Exception {
        SubjectIndex index = new SubjectIndex(cache);
        List<Subscription> stable = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Subscription s = sub(i % 2 == 0 ? "load.item" : "load.*");
            stable.add(s);
            index.insert(s);
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(4);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                work.add(pool.submit(() -> {
                    started.countDown();
                    for (int i = 0; i < 5000; i++) {
                        Subscription churn = sub(i % 3 == 0 ? "load.>" : i % 3 == 1 ? "load.item" : "load.*");
                        index.insert(churn);
                        index.remove(churn);
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                work.add(pool.submit(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        // Every stable subscription is always there, whatever the churn.
                        assertThat(all(index.match("load.item"))).containsAll(stable);
                    }
                }));
            }
            started.await();
            work.get(0).get();
            work.get(1).get();
            stop.set(true);
            for (Future<?> f : work) {
                f.get();
            }
        }
        assertThat(all(index.match("load.item"))).containsExactlyInAnyOrderElementsOf(stable);
        assertThat(index.count()).isEqualTo(50);
    }
}
