package io.wirehub.server.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nats-server's isSubsetMatch(tokens of subject, source), which decides whether a mapping applies. */
class SourcePatternTest {

    @ParameterizedTest(name = "{0} under {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "foo         | foo       | true",
            "foo         | bar       | false",
            "foo.bar     | foo.*     | true",
            "foo.bar     | *.bar     | true",
            "foo         | foo.*     | false",
            "foo.bar.baz | foo.*     | false",
            "foo.bar     | foo.>     | true",
            "foo.bar.baz | foo.>     | true",
            "foo         | foo.>     | false",
            "foo         | >         | true",
            "''          | >         | true",
            // a '>' of the source is reached before the empty token is looked at
            "foo.        | foo.>     | true",
            "foo..bar    | foo.>     | true",
            "foo..bar    | foo.*.bar | false",
            "''          | *         | false",
            // published wildcards: '*' only under '*', '>' under nothing but an earlier '>'
            "foo.*       | foo.*     | true",
            "foo.*       | foo.bar   | false",
            "foo.*       | foo.*x    | false",
            "foo.>       | foo.*     | false",
            "foo.>       | foo.>     | true",
            "*x          | *         | true",
            // a source token starting with '*' matches any token
            "foo.abc     | foo.*x    | true",
            "foo.abc     | foo.*x.y  | false",
            "foo.abcd    | foo.abc   | false",
            "foo.ab      | foo.abc   | false"})
    void matchesAsNatsServer(String subject, String source, boolean matches) {
        assertThat(new SourcePattern(source).matches(subject)).isEqualTo(matches);
    }
}
