package io.wirehub.bench.charts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartReadableTest {
    @Test
    void threeSignificantDigitsWithSuffix() {
        assertThat(Readable.number(4_471_488)).isEqualTo("4.47 M");
        assertThat(Readable.number(350)).isEqualTo("350");
        assertThat(Readable.number(2100)).isEqualTo("2.1 k");
        assertThat(Readable.number(12.34)).isEqualTo("12.3");
        assertThat(Readable.number(0)).isEqualTo("0");
        assertThat(Readable.number(1e7)).isEqualTo("10 M");
        assertThat(Readable.number(2.5e9)).isEqualTo("2.5 G");
    }

    @Test
    void roundingCarriesIntoTheNextSuffix() {
        assertThat(Readable.number(999_600)).isEqualTo("1 M");
    }

    @Test
    void ratiosHaveTwoDecimals() {
        assertThat(Readable.ratio(4471488.0 / 3000486.0)).isEqualTo("1.49×");
        assertThat(Readable.ratio(1.0)).isEqualTo("1×");
    }

    @Test
    void linearAxisStartsAtZeroAndCoversTheMaximumInRoundSteps() {
        assertThat(Axis.linearTicks(4.9e6)).containsExactly(0.0, 1e6, 2e6, 3e6, 4e6, 5e6);
        assertThat(Axis.linearTicks(230)).first().isEqualTo(0.0);
        assertThat(Axis.linearTicks(230).getLast()).isGreaterThanOrEqualTo(230).isLessThan(300);
        // Nothing measured above 0 still gives a usable axis rather than a division by zero.
        assertThat(Axis.linearTicks(0)).hasSize(6).startsWith(0.0).endsWith(1.0);
    }

    @Test
    void logLabels() {
        assertThat(List.of(1.0, 10.0, 100.0, 1e3, 1e4, 1e6).stream().map(Axis::logLabel))
                .containsExactly("1", "10", "100", "1k", "10k", "1M");
    }
}
