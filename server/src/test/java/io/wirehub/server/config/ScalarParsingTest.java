package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Size suffixes and Go durations, the two little languages inside values. */
class ScalarParsingTest {

    @ParameterizedTest
    @CsvSource({"0,0", "42,42", "-3,-3", "1k,1000", "1K,1000", "1kb,1024", "1ki,1024", "1kib,1024",
            "1KIB,1024", "1m,1000000", "1mb,1048576", "1g,1000000000", "1gb,1073741824",
            "1t,1000000000000", "1tb,1099511627776", "1p,1000000000000000", "1pb,1125899906842624",
            "1e,1000000000000000000", "1eb,1152921504606846976", "-2kb,-2048"})
    void integersWithSizeSuffixes(String text, long expected) {
        assertThat(IntegerLiteral.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1kbb", "1kbi", "1x", "9223372036854775808", "8eb", "9999999999pb"})
    void refusesBadSuffixesAndOverflow(String text) {
        assertThatThrownBy(() -> IntegerLiteral.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0,PT0S", "2s,PT2S", "2m,PT2M", "1h30m,PT1H30M", "500ms,PT0.5S", "1.5h,PT1H30M",
            "-2s,PT-2S", "+3s,PT3S", "10us,PT0.00001S", "7ns,PT0.000000007S", "1h2m3s4ms,PT1H2M3.004S",
            ".5s,PT0.5S", "2562047h,PT2562047H"})
    void goDurations(String text, String expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void microsecondsMayUseTheMicroSign() {
        assertThat(GoDuration.parse("3\u00b5s")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(GoDuration.parse("3\u03bcs")).isEqualTo(Duration.ofNanos(3_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "5", "2x", "s", "1.5", "2 s", "1h 2m", ".s", "3000000h"})
    void refusesWhatGoRefuses(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
    }
}
