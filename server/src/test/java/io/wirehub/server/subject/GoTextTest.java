package io.wirehub.server.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoTextTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "7, 7", "+7, 7", "-7, -7", "007, 7", "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808"})
    void atoiAcceptsWhatGoAccepts(String text, long value) {
        assertThat(GoText.atoi(text)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "-", " 1", "1 ", "1_0", "0x1", "1.0", "\u0663", "9223372036854775808"})
    void atoiRefusesWhatGoRefuses(String text) {
        assertThatThrownBy(() -> GoText.atoi(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void trimsSpacesOnly() {
        assertThat(GoText.trimSpaces("  1 ")).isEqualTo("1");
        assertThat(GoText.trimSpaces("\t1")).isEqualTo("\t1");
    }

    @Test
    void utf8LengthCountsAsGoDecodes() {
        assertThat(GoText.utf8Length("a", 0, 1)).isEqualTo(1);
        assertThat(GoText.utf8Length("\u00c3\u00a9", 0, 2)).isEqualTo(2);
        assertThat(GoText.utf8Length("\u00e2\u0082\u00ac", 0, 3)).isEqualTo(3); // €
        assertThat(GoText.utf8Length("\u00f0\u009f\u0098\u0080", 0, 4)).isEqualTo(4); // 😀
        assertThat(GoText.utf8Length("\u00c3", 0, 1)).isEqualTo(1); // cut short
        assertThat(GoText.utf8Length("\u00c0\u0080", 0, 2)).isEqualTo(1); // overlong
        assertThat(GoText.utf8Length("\u00ed\u00a0\u0080", 0, 3)).isEqualTo(1); // surrogate
        assertThat(GoText.utf8Length("\u00a9", 0, 1)).isEqualTo(1); // a lone continuation byte
    }

    @Test
    void quotesAsStrconvQuote() {
        assertThat(GoText.quote("bar")).isEqualTo("\"bar\"");
        assertThat(GoText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoText.quote("\t\n\r\u0007\u000b\u0000\u007f")).isEqualTo("\"\\t\\n\\r\\a\\v\\x00\\x7f\"");
        assertThat(GoText.quote("\u00c3\u00a9\u00ff")).isEqualTo("\"\u00c3\u00a9\\xff\"");
    }
}
