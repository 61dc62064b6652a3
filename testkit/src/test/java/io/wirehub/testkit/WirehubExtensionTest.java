package io.wirehub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension run by JUnit itself on sample classes: {@code @Nested} classes share their outer
 * class's server and leave it running for the outer class's later tests; classes run in parallel
 * each get a server of their own, closed when they finish.
 */
class WirehubExtensionTest {
    /** What the samples saw, by sample: the server's port. Cleared by each test here. */
    static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    /** Servers the samples used, to check they are closed afterwards. */
    static final Set<Wirehub> SERVERS = ConcurrentHashMap.newKeySet();
    /** Holds both parallel samples inside their tests at the same time: proof that they overlapped. */
    static volatile CountDownLatch bothRunning = new CountDownLatch(2);

    private static void use(String who, Wirehub server) throws Exception {
        try (Connection nc = Nats.connect(server.clientUrl())) {
            nc.flush(Duration.ofSeconds(5));
        }
        PORTS.put(who, server.port());
        SERVERS.add(server);
    }

    @WirehubTest
    static class OuterSample {
        @Test
        void a_outerFirst(Wirehub server) throws Exception {
            use("outer-first", server);
        }

        @Nested
        class InnerSample {
            @Test
            void inner(Wirehub server) throws Exception {
                use("inner", server);
            }
        }

        @Test
        void z_outerAfterTheNestedClass(Wirehub server) throws Exception {
            use("outer-after", server);
        }
    }

    @WirehubTest
    @Execution(ExecutionMode.CONCURRENT)
    static class ParallelSampleOne {
        @Test
        void one(Wirehub server) throws Exception {
            use("one", server);
            bothRunning.countDown();
            assertThat(bothRunning.await(20, TimeUnit.SECONDS)).as("the other class ran at the same time").isTrue();
        }
    }

    @WirehubTest
    @Execution(ExecutionMode.CONCURRENT)
    static class ParallelSampleTwo {
        @Test
        void two(Wirehub server) throws Exception {
            use("two", server);
            bothRunning.countDown();
            assertThat(bothRunning.await(20, TimeUnit.SECONDS)).as("the other class ran at the same time").isTrue();
        }
    }

    /** What the JetStream sample saw: its account's JetStream limits, and where its store was. */
    static final Map<String, Object> JETSTREAM = new ConcurrentHashMap<>();

    @WirehubTest(jetstream = true)
    static class JetStreamSample {
        @Test
        void jetStreamAnswers(Wirehub server) throws Exception {
            try (Connection nc = Nats.connect(server.clientUrl())) {
                JETSTREAM.put("max_memory", nc.jetStreamManagement().getAccountStatistics().getLimits().getMaxMemory());
            }
            JETSTREAM.put("store", server.config().jetstream().storeDir());
            SERVERS.add(server);
        }
    }

    @Test
    void aJetStreamServerIsStartedOnRequestAndItsStoreDeletedAfter() {
        JETSTREAM.clear();
        SERVERS.clear();
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(JetStreamSample.class))
                .execute().testEvents();
        tests.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        assertThat(JETSTREAM.get("max_memory")).isEqualTo(-1L);
        java.nio.file.Path store = (java.nio.file.Path) JETSTREAM.get("store");
        assertThat(store.getFileName().toString()).startsWith("wirehub-test-js-");
        assertClosed();
        assertThat(store).doesNotExist();
    }

    @Test
    void nestedClassesShareTheOuterServerAndLeaveItRunning() {
        PORTS.clear();
        SERVERS.clear();
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(OuterSample.class))
                .execute().testEvents();
        tests.assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
        assertThat(PORTS).containsOnlyKeys("outer-first", "inner", "outer-after");
        assertThat(Set.copyOf(PORTS.values())).as("one server for the outer class and its nested class").hasSize(1);
        assertClosed();
    }

    @Test
    void classesRunInParallelEachHaveTheirOwnServer() {
        PORTS.clear();
        SERVERS.clear();
        bothRunning = new CountDownLatch(2);
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .selectors(selectClass(ParallelSampleOne.class), selectClass(ParallelSampleTwo.class))
                .execute().testEvents();
        tests.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        assertThat(PORTS.get("one")).isNotEqualTo(PORTS.get("two"));
        assertClosed();
    }

    private static void assertClosed() {
        for (Wirehub server : SERVERS) {
            Await.until(Duration.ofSeconds(5), () -> !canConnect(server), "server on port " + server.port() + " closed");
        }
    }

    private static boolean canConnect(Wirehub server) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
