package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryLimitTest {
    @Test
    void sizesAsGoAndTheJvmWriteThem() {
        assertThat(MemoryLimit.parse("512MiB")).isEqualTo(512L << 20);
        assertThat(MemoryLimit.parse("2g")).isEqualTo(2L << 30);
        assertThat(MemoryLimit.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(MemoryLimit.parse("1073741824")).isEqualTo(1L << 30);
        assertThat(MemoryLimit.parse("17179869184B")).isEqualTo(16L << 30);
        assertThat(MemoryLimit.parse("100000KiB")).isEqualTo(97L << 20);
    }

    @Test
    void refusesWhatIsNotASizeOrTooSmall() {
        assertThatThrownBy(() -> MemoryLimit.parse("12x")).hasMessage(
                "memory limit \"12x\" is not a size: give bytes or a size such as 512MiB or 2GiB");
        assertThatThrownBy(() -> MemoryLimit.parse("99999999999GiB")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> MemoryLimit.parse("63MiB")).hasMessage(
                "memory limit \"63MiB\" is too small to run the server: give at least 64MiB");
    }

    @Test
    void theFlagWinsThenWirehubsVariableThenGomemlimit() {
        Map<String, String> both = Map.of("WIREHUB_MEMORY_LIMIT", "128MiB", "GOMEMLIMIT", "256MiB");
        assertThat(MemoryLimit.of("1GiB", both)).isEqualTo(1L << 30);
        assertThat(MemoryLimit.of(null, both)).isEqualTo(128L << 20);
        assertThat(MemoryLimit.of(null, Map.of("GOMEMLIMIT", "256MiB"))).isEqualTo(256L << 20);
        assertThat(MemoryLimit.of(null, Map.of("GOMEMLIMIT", "off"))).isZero();
        assertThat(MemoryLimit.of(null, Map.of())).isZero();
    }
}
