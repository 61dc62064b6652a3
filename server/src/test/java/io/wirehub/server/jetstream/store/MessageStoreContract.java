package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do, run against each storage by a subclass. The clock is
 * the test's own, so max age is tested without sleeping.
 */
abstract class MessageStoreContract {
    protected final AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
    private final List<MessageStore> opened = new ArrayList<>();

    /** A new, empty store. */
    protected abstract MessageStore create(StoreLimits limits, long firstSeq);

    protected final MessageStore store(StoreLimits limits) {
        MessageStore store = create(limits, 1);
        opened.add(store);
        return store;
    }

    protected final MessageStore store(StoreLimits limits, long firstSeq) {
        MessageStore store = create(limits, firstSeq);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::close);
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Test
    void appendWithATimestampKeepsIt() {
        MessageStore store = store(StoreLimits.NONE);
        long then = 1_600_000_000_123_456_789L;
        long seq = store.append("a", new byte[0], new byte[] {1}, then);
        assertThat(store.load(seq).orElseThrow().timestampNanos()).isEqualTo(then);
        assertThat(store.state().lastTimeNanos()).isEqualTo(then);
        long now = store.append("a", new byte[0], new byte[] {2});
        assertThat(store.load(now).orElseThrow().timestampNanos()).isGreaterThan(then);
    }

    @Test
    void appendAssignsSequencesAndLoadReturnsWhatWasStored() {
        MessageStore store = store(StoreLimits.NONE);
        assertThat(store.append("a.b", bytes("NATS/1.0\r\nX: 1\r\n\r\n"), bytes("one"))).isEqualTo(1);
        assertThat(store.append("a.c", null, bytes("two"))).isEqualTo(2);
        StoredMessage first = store.load(1).orElseThrow();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.subject()).isEqualTo("a.b");
        assertThat(text(first.headers())).isEqualTo("NATS/1.0\r\nX: 1\r\n\r\n");
        assertThat(text(first.payload())).isEqualTo("one");
        assertThat(first.timestampNanos()).isEqualTo(clock.get());
        assertThat(store.load(2).orElseThrow().headers()).isEmpty();
        assertThat(store.load(3)).isEmpty();
        assertThat(store.load(0)).isEmpty();
    }

    @Test
    void stateCountsMessagesBytesSubjectsAndHoles() {
        MessageStore store = store(StoreLimits.NONE);
        assertThat(store.state()).isEqualTo(new StoreState(0, 0, 1, 0, 0, 0, 0, 0));
        long t1 = clock.get();
        store.append("a", null, bytes("1"));
        clock.addAndGet(10);
        store.append("b", bytes("h"), bytes("22"));
        clock.addAndGet(10);
        store.append("a", null, bytes("333"));
        assertThat(store.remove(2)).isTrue();
        assertThat(store.remove(2)).isFalse();
        StoreState state = store.state();
        assertThat(state.msgs()).isEqualTo(2);
        assertThat(state.bytes()).isEqualTo(store.sizeOf("a", 0, 1) + store.sizeOf("a", 0, 3));
        assertThat(state.firstSeq()).isEqualTo(1);
        assertThat(state.firstTimeNanos()).isEqualTo(t1);
        assertThat(state.lastSeq()).isEqualTo(3);
        assertThat(state.lastTimeNanos()).isEqualTo(t1 + 20);
        assertThat(state.numDeleted()).isEqualTo(1);
        assertThat(state.numSubjects()).isEqualTo(1);
    }

    @Test
    void firstSeqOptionStartsTheSequenceThere() {
        MessageStore store = store(StoreLimits.NONE, 100);
        assertThat(store.state().firstSeq()).isEqualTo(100);
        assertThat(store.state().lastSeq()).isEqualTo(99);
        assertThat(store.append("a", null, bytes("x"))).isEqualTo(100);
        assertThat(store.state().firstSeq()).isEqualTo(100);
    }

    @Test
    void maxMsgsDiscardOldRemovesTheOldest() {
        MessageStore store = store(StoreLimits.NONE.withMaxMsgs(3));
        List<Long> removed = new ArrayList<>();
        store.addRemovalListener((seq, subject) -> removed.add(seq));
        for (int i = 0; i < 5; i++) {
            store.append("a", null, bytes("m" + i));
        }
        assertThat(store.state().msgs()).isEqualTo(3);
        assertThat(store.state().firstSeq()).isEqualTo(3);
        assertThat(store.load(2)).isEmpty();
        assertThat(removed).containsExactly(1L, 2L);
    }

    @Test
    void maxMsgsDiscardNewRefusesTheNewest() {
        MessageStore store = store(StoreLimits.NONE.withMaxMsgs(2).withDiscardNew(true, false));
        store.append("a", null, bytes("1"));
        store.append("a", null, bytes("2"));
        assertThatThrownBy(() -> store.append("a", null, bytes("3")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.MAX_MSGS))
                .hasMessage("maximum messages exceeded");
        assertThat(store.state().lastSeq()).isEqualTo(2);
        store.remove(1);
        assertThat(store.append("a", null, bytes("3"))).isEqualTo(3);
    }

    @Test
    void maxBytesDiscardOldRemovesUntilItFits() {
        long each = store(StoreLimits.NONE).sizeOf("a", 0, 10);
        MessageStore store = store(StoreLimits.NONE.withMaxBytes(each * 3));
        for (int i = 0; i < 5; i++) {
            store.append("a", null, bytes("0123456789"));
        }
        assertThat(store.state().msgs()).isEqualTo(3);
        assertThat(store.state().bytes()).isEqualTo(each * 3);
        assertThat(store.state().firstSeq()).isEqualTo(3);
    }

    @Test
    void maxBytesDiscardNewRefusesWhatWouldReachTheLimit() {
        long each = store(StoreLimits.NONE).sizeOf("a", 0, 10);
        // nats-server refuses when bytes + size >= max_bytes.
        MessageStore store = store(StoreLimits.NONE.withMaxBytes(each * 3).withDiscardNew(true, false));
        store.append("a", null, bytes("0123456789"));
        store.append("a", null, bytes("0123456789"));
        assertThatThrownBy(() -> store.append("a", null, bytes("0123456789")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.MAX_BYTES));
        assertThat(store.append("a", null, bytes("0"))).isEqualTo(3);
    }

    @Test
    void maxMsgSizeRefusesLargerMessagesCountingHeaders() {
        MessageStore store = store(StoreLimits.NONE.withMaxMsgSize(10));
        assertThat(store.append("a", bytes("12345"), bytes("12345"))).isEqualTo(1);
        assertThatThrownBy(() -> store.append("a", bytes("12345"), bytes("123456")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.MSG_TOO_BIG));
    }

    @Test
    void maxAgeRemovesOldMessagesOnAppendAndExpire() {
        MessageStore store = store(StoreLimits.NONE.withMaxAge(Duration.ofSeconds(1)));
        store.append("a", null, bytes("1"));
        clock.addAndGet(600_000_000L);
        store.append("a", null, bytes("2"));
        clock.addAndGet(600_000_000L);
        assertThat(store.expire()).isEqualTo(1);
        assertThat(store.state().firstSeq()).isEqualTo(2);
        clock.addAndGet(600_000_000L);
        store.append("a", null, bytes("3"));
        assertThat(store.state().msgs()).isEqualTo(1);
        assertThat(store.state().firstSeq()).isEqualTo(3);
    }

    @Test
    void maxMsgsPerSubjectDiscardsTheSubjectsOldest() {
        MessageStore store = store(StoreLimits.NONE.withMaxMsgsPerSubject(2));
        store.append("a", null, bytes("a1"));
        store.append("b", null, bytes("b1"));
        store.append("a", null, bytes("a2"));
        store.append("a", null, bytes("a3"));
        assertThat(store.subjectTotals(null)).isEqualTo(Map.of("a", 2L, "b", 1L));
        assertThat(store.load(1)).isEmpty();
        assertThat(store.state().firstSeq()).isEqualTo(2);
        assertThat(store.state().numDeleted()).isZero();
    }

    @Test
    void discardNewPerSubjectRefusesAtTheSubjectLimit() {
        MessageStore store = store(StoreLimits.NONE.withMaxMsgsPerSubject(1).withDiscardNew(true, true));
        store.append("a", null, bytes("a1"));
        store.append("b", null, bytes("b1"));
        assertThatThrownBy(() -> store.append("a", null, bytes("a2")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.MAX_MSGS_PER_SUBJECT));
    }

    @Test
    void discardNewWithoutPerSubjectStillReplacesWithinTheSubjectAtMaxMsgs() {
        MessageStore store = store(StoreLimits.NONE.withMaxMsgs(2).withMaxMsgsPerSubject(1).withDiscardNew(true, false));
        store.append("a", null, bytes("a1"));
        store.append("b", null, bytes("b1"));
        assertThat(store.append("a", null, bytes("a2"))).isEqualTo(3);
        assertThat(store.loadLast("a").orElseThrow().seq()).isEqualTo(3);
        assertThatThrownBy(() -> store.append("c", null, bytes("c1")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.MAX_MSGS));
    }

    @Test
    void updateLimitsAppliesAtOnce() {
        MessageStore store = store(StoreLimits.NONE);
        for (int i = 0; i < 10; i++) {
            store.append("s." + (i % 2), null, bytes("x"));
        }
        store.updateLimits(StoreLimits.NONE.withMaxMsgsPerSubject(2));
        assertThat(store.state().msgs()).isEqualTo(4);
        store.updateLimits(StoreLimits.NONE.withMaxMsgs(1));
        assertThat(store.state().msgs()).isEqualTo(1);
        assertThat(store.state().firstSeq()).isEqualTo(10);
    }

    @Test
    void purgeRemovesEverythingAndKeepsTheSequence() {
        MessageStore store = store(StoreLimits.NONE);
        List<Long> removed = new ArrayList<>();
        store.addRemovalListener((seq, subject) -> removed.add(seq));
        for (int i = 0; i < 5; i++) {
            store.append("a", null, bytes("x"));
        }
        assertThat(store.purge()).isEqualTo(5);
        assertThat(removed).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.state()).isEqualTo(new StoreState(0, 0, 6, 0, 5, 0, 0, 0));
        assertThat(store.append("a", null, bytes("x"))).isEqualTo(6);
    }

    @Test
    void purgeBySubjectBeforeSeqAndKeep() {
        MessageStore store = store(StoreLimits.NONE);
        for (int i = 1; i <= 10; i++) {
            store.append(i % 2 == 0 ? "even.n" : "odd.n", null, bytes("" + i));
        }
        assertThat(store.purge("even.*", 0, 2)).isEqualTo(3);
        assertThat(store.subjectTotals("even.>")).isEqualTo(Map.of("even.n", 2L));
        assertThat(store.loadNext("even.n", 1).orElseThrow().seq()).isEqualTo(8);
        assertThat(store.purge("odd.n", 5, 0)).isEqualTo(2);
        assertThat(store.loadNext("odd.n", 1).orElseThrow().seq()).isEqualTo(5);
        assertThat(store.purge(null, 0, 1)).isEqualTo(4);
        assertThat(store.state().msgs()).isEqualTo(1);
        assertThat(store.state().firstSeq()).isEqualTo(10);
    }

    @Test
    void purgeEverythingBeforeASequenceIsACompact() {
        MessageStore store = store(StoreLimits.NONE);
        for (int i = 0; i < 10; i++) {
            store.append("a", null, bytes("x"));
        }
        assertThat(store.purge(">", 4, 0)).isEqualTo(3);
        assertThat(store.state().firstSeq()).isEqualTo(4);
        assertThat(store.compact(20)).isEqualTo(7);
        assertThat(store.state()).isEqualTo(new StoreState(0, 0, 20, 0, 19, 0, 0, 0));
        assertThat(store.append("a", null, bytes("x"))).isEqualTo(20);
    }

    @Test
    void skipUsesUpSequences() {
        MessageStore store = store(StoreLimits.NONE);
        store.skip(5);
        assertThat(store.state().firstSeq()).isEqualTo(6);
        assertThat(store.append("a", null, bytes("x"))).isEqualTo(6);
        store.skip(8);
        assertThat(store.append("a", null, bytes("x"))).isEqualTo(9);
        assertThat(store.state().numDeleted()).isEqualTo(2);
    }

    @Test
    void loadNextAndLastFollowWildcards() {
        MessageStore store = store(StoreLimits.NONE);
        store.append("orders.eu.new", null, bytes("1"));
        store.append("orders.us.new", null, bytes("2"));
        store.append("orders.eu.paid", null, bytes("3"));
        store.append("audit", null, bytes("4"));
        assertThat(store.loadNext("orders.*.new", 2).orElseThrow().seq()).isEqualTo(2);
        assertThat(store.loadNext("orders.eu.>", 2).orElseThrow().seq()).isEqualTo(3);
        assertThat(store.loadNext("orders.>", 4)).isEmpty();
        assertThat(store.loadNext(">", 4).orElseThrow().subject()).isEqualTo("audit");
        assertThat(store.loadLast("orders.>").orElseThrow().seq()).isEqualTo(3);
        assertThat(store.loadLast("orders.us.new").orElseThrow().seq()).isEqualTo(2);
        assertThat(store.loadLast("nothing")).isEmpty();
        assertThat(store.numPending(2, "orders.>")).isEqualTo(2);
        assertThat(store.numPending(1, "orders.eu.new")).isEqualTo(1);
        assertThat(store.numPending(3, null)).isEqualTo(2);
        assertThat(store.subjectTotals("orders.*.new")).isEqualTo(Map.of("orders.eu.new", 1L, "orders.us.new", 1L));
    }

    @Test
    void eraseRemovesTheMessage() {
        MessageStore store = store(StoreLimits.NONE);
        store.append("a", null, bytes("secret"));
        store.append("a", null, bytes("other"));
        assertThat(store.erase(1)).isTrue();
        assertThat(store.load(1)).isEmpty();
        assertThat(store.erase(1)).isFalse();
        assertThat(text(store.load(2).orElseThrow().payload())).isEqualTo("other");
    }

    @Test
    void aClosedStoreRefusesWork() {
        MessageStore store = store(StoreLimits.NONE);
        store.close();
        assertThatThrownBy(() -> store.append("a", null, null))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CLOSED));
    }

    /** A batch holds what loadNext one message after another finds: across blocks, gaps and filters. */
    @Test
    void aBatchIsWhatLoadNextFindsOneByOne() {
        MessageStore store = store(StoreLimits.NONE);
        for (int i = 1; i <= 300; i++) {
            store.append("b." + (i % 4), i % 5 == 0 ? bytes("NATS/1.0\r\nI: " + i + "\r\n\r\n") : null,
                    bytes("payload " + i));
        }
        store.remove(10);
        store.remove(11);
        store.purge("b.3", 40, 0);
        for (List<String> filters : List.of(List.<String>of(), List.of("b.1"), List.of("b.*"), List.of("b.1", "b.2"),
                List.of(">"), List.of("none"))) {
            for (long from : new long[] {1, 9, 37, 299, 301}) {
                List<StoredMessage> batch = store.loadNextBatch(filters, from, 50, Long.MAX_VALUE);
                List<StoredMessage> oneByOne = oneByOne(store, filters, from, 50);
                assertThat(batch).as("filters %s from %d", filters, from).hasSize(oneByOne.size());
                for (int k = 0; k < batch.size(); k++) {
                    StoredMessage a = batch.get(k);
                    StoredMessage b = oneByOne.get(k);
                    assertThat(a.seq()).isEqualTo(b.seq());
                    assertThat(a.subject()).isEqualTo(b.subject());
                    assertThat(a.headers()).isEqualTo(b.headers());
                    assertThat(a.payload()).isEqualTo(b.payload());
                    assertThat(a.timestampNanos()).isEqualTo(b.timestampNanos());
                }
            }
        }
        assertThat(store.loadNextBatch(List.of(), 1, 1000, 1)).as("at least one past the byte budget").hasSize(1);
        assertThat(store.loadNextBatch(List.of(), 1, 1000, Long.MAX_VALUE)).hasSize(300 - 2 - 9);
    }

    private static List<StoredMessage> oneByOne(MessageStore store, List<String> filters, long from, int max) {
        List<StoredMessage> found = new ArrayList<>();
        long seq = from;
        while (found.size() < max) {
            StoredMessage best = null;
            for (String f : filters.isEmpty() ? java.util.Collections.<String>singletonList(null) : filters) {
                StoredMessage m = store.loadNext(f, seq).orElse(null);
                if (m != null && (best == null || m.seq() < best.seq())) {
                    best = m;
                }
            }
            if (best == null) {
                break;
            }
            found.add(best);
            seq = best.seq() + 1;
        }
        return found;
    }
}
