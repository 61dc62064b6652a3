package io.wirehub.server.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectsTest {

    @ParameterizedTest
    @CsvSource({
            "foo, true, true",
            "foo.bar, true, true",
            "foo.*, true, false",
            "foo.>, true, false",
            ">, true, false",
            "*, true, false",
            "foo*.bar, true, true",
            "foo.>.bar, false, false",
            "foo..bar, false, false",
            ".foo, false, false",
            "foo., false, false",
            "'', false, false",
            "'foo bar', false, false",
            "foo.*.>, true, false",
            "é.ü, true, true"})
    void validation(String subject, boolean subscribable, boolean literal) {
        assertThat(Subjects.isValidSubscribeSubject(subject)).as("subscribe %s", subject).isEqualTo(subscribable);
        assertThat(Subjects.isValidLiteralSubject(subject)).as("literal %s", subject).isEqualTo(literal);
    }

    @ParameterizedTest
    @CsvSource({
            "foo.bar, foo.bar, true",
            "foo.bar, foo.*, true",
            "foo.bar, *.bar, true",
            "foo.bar, foo.>, true",
            "foo.bar.baz, foo.>, true",
            "foo, foo.>, false",
            "foo, >, true",
            "foo.bar, *, false",
            "foo.bar, foo.bar.baz, false",
            "foo.bar.baz, foo.bar, false",
            "foo..bar, foo.*.bar, false",
            "foo.*, foo.*, true",
            "foo.*, foo.bar, false",
            "foo.ba, foo.bar, false",
            "foo.barx, foo.bar, false"})
    void literalMatching(String literal, String pattern, boolean matches) {
        assertThat(Subjects.matchesLiteral(literal, pattern)).as("%s by %s", literal, pattern).isEqualTo(matches);
    }
}
