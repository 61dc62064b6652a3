package io.wirehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The soak in CI: two minutes of the mixed load against a real server process (started from this
 * test's class path, which holds the cli module), a sample every 15 s, and no figure may grow past
 * its bound. {@code bench/run --soak MINUTES} is the long run.
 */
@EnabledOnOs(OS.LINUX) // the figures come from /proc
class SoakTest {
    /**
     * The server's own SLF4J provider, not slf4j-simple, which is on this class path too. And a
     * fixed, pre-touched heap: in two minutes G1 is still growing its committed heap under the
     * file transfers (RSS +16 to +31 MiB between the second and last third, then flat in a 30
     * minute run), which would read as growth. With the heap's pages all resident from the start,
     * RSS judges what lies outside the heap (direct buffers, metaspace, threads, native memory),
     * and "heap after GC" judges the heap.
     */
    private static final List<String> SERVER_JVM = List.of(
            "-Dslf4j.provider=io.wirehub.cli.logging.WirehubLoggingProvider", "-Xms192m", "-Xmx192m",
            "-XX:+AlwaysPreTouch");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void twoMinutesOfMixedLoadLeaveTheServersFiguresFlat() throws Exception {
        Soak soak = new Soak(Duration.ofMinutes(2), Duration.ofSeconds(15), System.out);

        Soak.Result result = soak.run(serveArgs -> BenchServer.wirehubFromClassPath(
                System.getProperty("java.class.path"), SERVER_JVM, serveArgs));
        soak.report(result);

        assertThat(result.samples()).hasSize(8);
        SoakCounters done = result.counters();
        assertThat(done.delivered.sum()).as("pub/sub deliveries").isGreaterThan(10_000);
        assertThat(done.requests.sum()).as("requests answered").isGreaterThan(1_000);
        assertThat(done.churned.sum()).as("churn connections").isGreaterThan(50);
        assertThat(done.files.sum()).as("files moved").isGreaterThan(5);
        assertThat(done.slowCutOffs.sum()).as("slow consumer cut off and back").isPositive();
        assertThat(done.jsPublished.sum()).as("JetStream publishes acknowledged").isGreaterThan(5_000);
        assertThat(done.jsConsumed.sum()).as("JetStream messages consumed and acknowledged")
                .isGreaterThan(done.jsPublished.sum() / 2);
        assertThat(result.samples().getLast().server().slowConsumers()).as("slow consumers the server counted")
                .isPositive();
        assertThat(result.verdicts()).as("figures that grew past their bound")
                .filteredOn(SoakGrowth.Verdict::growing).extracting(SoakGrowth.Verdict::describe).isEmpty();
        assertThat(ProcessHandle.of(result.serverPid()).filter(ProcessHandle::isAlive))
                .as("the server process after the soak").isEmpty();
    }
}
