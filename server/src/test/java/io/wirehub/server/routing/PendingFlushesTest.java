package io.wirehub.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingFlushesTest {

    /** A sink that counts its wake-ups. */
    private static final class CountingSink implements MessageSink {
        int flushes;

        @Override
        public boolean deliver(Subscription subscription, PublishedMessage message) {
            return true;
        }

        @Override
        public void flushSignal() {
            flushes++;
        }
    }

    @Test
    void eachSinkIsWokenOncePerBatchHoweverOftenItWasTouched() {
        PendingFlushes pending = new PendingFlushes();
        List<CountingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sinks.add(new CountingSink());
        }
        for (int round = 0; round < 3; round++) {
            for (CountingSink sink : sinks) {
                pending.add(sink);
            }
        }
        pending.flushAll();
        assertThat(sinks).allSatisfy(s -> assertThat(s.flushes).isEqualTo(1));
        assertThat(pending.isEmpty()).isTrue();

        // A second batch starts clean: only what is touched again is woken again.
        pending.add(sinks.get(7));
        pending.add(sinks.get(7));
        pending.flushAll();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < sinks.size(); i++) {
            counts.merge(sinks.get(i).flushes, 1, Integer::sum);
        }
        assertThat(sinks.get(7).flushes).isEqualTo(2);
        assertThat(counts).containsEntry(1, 499);
    }

    /** Records which signal each sink got, in order. */
    private static final class SignalSink implements MessageSink {
        private final String name;
        private final List<String> log;

        SignalSink(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public boolean deliver(Subscription subscription, PublishedMessage message) {
            return true;
        }

        @Override
        public void flushSignal() {
            log.add("flush " + name);
        }

        @Override
        public void wakeSignal() {
            log.add("wake " + name);
        }
    }

    @Test
    void onlyTheFirstSinkOfABatchMayBeWrittenInPlaceTheOthersAreWokenFirst() {
        List<String> log = new ArrayList<>();
        PendingFlushes pending = new PendingFlushes();
        SignalSink a = new SignalSink("a", log);
        pending.add(a);
        pending.add(new SignalSink("b", log));
        pending.add(a);
        pending.add(new SignalSink("c", log));
        pending.flushAll();
        assertThat(log).containsExactly("wake b", "wake c", "flush a");

        log.clear();
        pending.add(new SignalSink("alone", log));
        pending.flushAll();
        assertThat(log).containsExactly("flush alone");
    }
}
