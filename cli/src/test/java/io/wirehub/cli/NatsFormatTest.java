package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** natscli's value formats (columns.F, HumanizeDuration, Go's Duration.String) and its columns layout. */
class NatsFormatTest {

    @Test
    void durationsAsNatscliHumanizesThem() {
        assertThat(NatsFormat.duration(Duration.ofSeconds(30))).isEqualTo("30.00s");
        assertThat(NatsFormat.duration(Duration.ofMillis(1500))).isEqualTo("1.50s");
        assertThat(NatsFormat.duration(Duration.ofMinutes(2))).isEqualTo("2m0s");
        assertThat(NatsFormat.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(NatsFormat.duration(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(NatsFormat.duration(Duration.ofHours(25))).isEqualTo("1d1h0m0s");
        assertThat(NatsFormat.duration(Duration.ofDays(400))).isEqualTo("1y35d0h0m0s");
        assertThat(NatsFormat.duration(Duration.ofNanos(1_500_000))).isEqualTo("2ms");
        assertThat(NatsFormat.duration(Duration.ofNanos(1_400))).isEqualTo("1µs");
        assertThat(NatsFormat.duration(null)).isEqualTo("never");
    }

    @Test
    void goDurationStrings() {
        assertThat(NatsFormat.goString(Duration.ZERO)).isEqualTo("0s");
        assertThat(NatsFormat.goString(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(NatsFormat.goString(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(NatsFormat.goString(Duration.ofHours(2))).isEqualTo("2h0m0s");
        assertThat(NatsFormat.goString(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(NatsFormat.goString(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(NatsFormat.goString(Duration.ofNanos(1500))).isEqualTo("1.5µs");
    }

    @Test
    void goTimeStrings() {
        assertThat(NatsFormat.goTime(java.time.ZonedDateTime.parse("2026-01-02T03:04:05.500Z")))
                .isEqualTo("2026-01-02 03:04:05.5 +0000 UTC");
        assertThat(NatsFormat.goTime(java.time.ZonedDateTime.parse("2026-01-02T04:04:05+01:00")))
                .isEqualTo("2026-01-02 03:04:05 +0000 UTC");
    }

    @Test
    void numbersWithThousandsCommas() {
        assertThat(NatsFormat.comma(0)).isEqualTo("0");
        assertThat(NatsFormat.comma(1000)).isEqualTo("1,000");
        assertThat(NatsFormat.comma(-1234567)).isEqualTo("-1,234,567");
    }

    @Test
    void columnsAlignLabelsToTheLongestAndSpaceSectionsAsNatscli() {
        Columns cols = new Columns("Information for Stream S created 2026-01-02 03:04:05");
        cols.row("Subjects", "a, b");
        cols.section("Options");
        cols.row("Retention", "Limits");
        cols.row("Sources", "X");
        cols.row("", "Y");
        cols.rowIf("Hidden", "no", false);
        cols.rowIfNotEmpty("Empty", "");
        cols.section("State");
        cols.section("Nested:");
        cols.row("Messages", "1,000");
        StringWriter text = new StringWriter();
        cols.render(new PrintWriter(text));
        assertThat(text.toString()).isEqualTo("""
                Information for Stream S created 2026-01-02 03:04:05

                   Subjects: a, b

                Options:

                  Retention: Limits
                    Sources: X
                             Y

                State:

                Nested:

                   Messages: 1,000
                """);
    }
}
