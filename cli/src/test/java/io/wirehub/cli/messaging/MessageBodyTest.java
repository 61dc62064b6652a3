package io.wirehub.cli.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** natscli's body templates, written as Go templates are. */
class MessageBodyTest {
    private static String render(String body, long count) {
        return new String(MessageBody.of(body, InputStream.nullInputStream()).render(count), StandardCharsets.UTF_8);
    }

    @Test
    void countWithAndWithoutSpacesInsideTheBraces() {
        assertThat(render("{{Count}}/{{ Count }}/{{Cnt}}/{{ .Count }}", 7)).isEqualTo("7/7/7/7");
    }

    @Test
    void trimMarksEatTheWhiteSpaceBesideThem() {
        assertThat(render("a  {{- Count -}}  b", 3)).isEqualTo("a3b");
    }

    @Test
    void idsAndTimesHaveTheirShapes() {
        String[] fields = render("{{ID}} {{Unix}} {{UnixNano}} {{TimeStamp}} {{Time}}", 1).split(" ");
        assertThat(fields[0]).matches("[0-9A-Za-z]{22}");
        assertThat(fields[0]).isNotEqualTo(render("{{ID}}", 1));
        long unix = Long.parseLong(fields[1]);
        assertThat(Math.abs(unix - System.currentTimeMillis() / 1000)).isLessThan(60);
        assertThat(Long.parseLong(fields[2]) / 1_000_000_000L).isBetween(unix - 1, unix + 1);
        assertThat(fields[3]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(fields[4]).matches("1?\\d:\\d\\d(AM|PM)");
    }

    @RepeatedTest(20)
    void randomGivesMinToMaxCharacters() {
        assertThat(render("{{ Random 10 100 }}", 1)).matches("[0-9A-Za-z]{10,100}");
        assertThat(render("{{ Random 0 1 }}", 1)).matches("[0-9A-Za-z]{0,1}");
        assertThat(render("{{Random 5 5}}", 1)).hasSize(5);
    }

    @Test
    void aTemplateThatDoesNotParseIsSentAsItIsWithGosWords() {
        MessageBody unknown = MessageBody.of("x {{ Nope }} {{Count}}", InputStream.nullInputStream());
        assertThat(unknown.templateError()).isEqualTo("template: body: function \"Nope\" not defined");
        assertThat(new String(unknown.render(3), StandardCharsets.UTF_8)).isEqualTo("x {{ Nope }} {{Count}}");
        assertThat(MessageBody.of("{{Random 1}}", InputStream.nullInputStream()).templateError())
                .isEqualTo("template: body: wrong number of args for Random: want 2 got 1");
        assertThat(MessageBody.of("{{Count}}", InputStream.nullInputStream()).templateError()).isNull();
    }

    @Test
    void aBodyWithoutTemplatesIsSentAsIs() {
        assertThat(render("{ \"json\": {\"a\": 1} }", 1)).isEqualTo("{ \"json\": {\"a\": 1} }");
    }

    @Test
    void timeStampKeepsZeroSecondsAndWritesOffsetsAsGoDoes() {
        assertThat(MessageBody.rfc3339(OffsetDateTime.of(2026, 12, 5, 5, 49, 0, 123, ZoneOffset.UTC)))
                .isEqualTo("2026-12-05T05:49:00Z");
        assertThat(MessageBody.rfc3339(OffsetDateTime.of(2026, 1, 2, 15, 4, 5, 0, ZoneOffset.ofHours(-7))))
                .isEqualTo("2026-01-02T15:04:05-07:00");
    }
}
