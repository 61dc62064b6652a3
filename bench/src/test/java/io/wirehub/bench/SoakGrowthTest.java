package io.wirehub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's verdict: last third against second third, bound the larger of a share and an amount. */
class SoakGrowthTest {
    private static final double MIB = 1 << 20;
    private static final SoakGrowth HEAP = SoakGrowth.bytes("heap after GC", 0.20, 8);
    private static final SoakGrowth FDS = SoakGrowth.count("open fds", 10);

    @Test
    void aFigureThatSettlesAfterTheWarmUpIsFlat() {
        // The first third (warm-up) climbs; only the second and last thirds are compared.
        SoakGrowth.Verdict verdict = HEAP.judge(mib(10, 30, 50, 50, 51, 50, 52, 51, 50));

        assertThat(verdict.growing()).isFalse();
        assertThat(verdict.earlier()).isEqualTo(50 * MIB);
        assertThat(verdict.later()).isEqualTo(51 * MIB);
    }

    @Test
    void growthPastTheShareAndTheAmountIsGrowing() {
        // 100 → 125 MiB: +25 MiB passes both 20% (20 MiB) and 8 MiB.
        SoakGrowth.Verdict verdict = HEAP.judge(mib(90, 100, 100, 100, 100, 100, 125, 125, 125));

        assertThat(verdict.growing()).isTrue();
        assertThat(verdict.describe()).contains("GROWING", "100.0 MiB", "125.0 MiB");
    }

    @Test
    void theBoundIsTheLargerOfShareAndAmount() {
        // 10 → 17 MiB is +70% but under 8 MiB: flat. 100 → 118 MiB is 18 MiB but under 20%: flat.
        assertThat(HEAP.judge(mib(5, 10, 10, 10, 10, 10, 17, 17, 17)).growing()).isFalse();
        assertThat(HEAP.judge(mib(5, 100, 100, 100, 100, 100, 118, 118, 118)).growing()).isFalse();
    }

    @Test
    void countsHaveAnAbsoluteBound() {
        assertThat(FDS.judge(List.of(20.0, 30.0, 30.0, 40.0)).growing()).isFalse();
        assertThat(FDS.judge(List.of(20.0, 30.0, 30.0, 41.0)).growing()).isTrue();
    }

    @Test
    void fewerThanThreeSamplesCannotBeJudged() {
        assertThatThrownBy(() -> FDS.judge(List.of(1.0, 2.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need at least 3");
    }

    private static List<Double> mib(double... values) {
        return java.util.Arrays.stream(values).map(v -> v * MIB).boxed().toList();
    }
}
