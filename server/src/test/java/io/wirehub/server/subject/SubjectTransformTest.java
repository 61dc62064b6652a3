package io.wirehub.server.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transforms of nats-server 2.10's subject_transform_test.go (TestSubjectTransforms and the
 * helpers), plus the edges its code decides that its tests do not show.
 */
class SubjectTransformTest {

    @ParameterizedTest(name = "{0} -> {1}: {2} becomes {3}")
    @CsvSource(delimiter = '|', value = {
            // nats-server's shouldMatch cases
            "''      | prefix.>                                   | foo                 | prefix.foo",
            "foo     | bar                                        | foo                 | bar",
            "foo.*.bar.*.baz | req.$2.$1                          | foo.A.bar.B.baz     | req.B.A",
            "foo.*.bar.*.baz | req.{{wildcard(2)}}.{{wildcard(1)}} | foo.A.bar.B.baz    | req.B.A",
            "baz.>   | my.pre.>                                   | baz.1.2.3           | my.pre.1.2.3",
            "baz.>   | foo.bar.>                                  | baz.1.2.3           | foo.bar.1.2.3",
            "*       | foo.bar.$1                                 | foo                 | foo.bar.foo",
            "*       | {{splitfromleft(1,3)}}                     | 12345               | 123.45",
            "*       | {{SplitFromRight(1,3)}}                    | 12345               | 12.345",
            "*       | {{SliceFromLeft(1,3)}}                     | 1234567890          | 123.456.789.0",
            "*       | {{SliceFromRight(1,3)}}                    | 1234567890          | 1.234.567.890",
            "*       | {{split(1,-)}}                             | -abc-def--ghi-      | abc.def.ghi",
            "*       | {{split(1,-)}}                             | abc-def--ghi-       | abc.def.ghi",
            "*.*     | {{split(2,-)}}.{{splitfromleft(1,2)}}      | foo.-abc-def--ghij- | abc.def.ghij.fo.o",
            "*       | {{right(1,1)}}                             | 1234                | 4",
            "*       | {{right(1,3)}}                             | 1234                | 234",
            "*       | {{right(1,6)}}                             | 1234                | 1234",
            "*       | {{left(1,1)}}                              | 1234                | 1",
            "*       | {{left(1,3)}}                              | 1234                | 123",
            "*       | {{left(1,6)}}                              | 1234                | 1234",
            // accounts_test.go's wildcard route mapping
            "foo.*.* | bar.$2.$1                                  | foo.1.2             | bar.2.1",
            "bar.*.> | baz.$1.>                                   | bar.a.b.c           | baz.a.b.c",
            // sizes that do not cut: the token is kept whole
            "*       | {{splitFromLeft(1,0)}}                     | abc                 | abc",
            "*       | {{splitFromLeft(1,3)}}                     | abc                 | abc",
            "*       | {{splitFromRight(1,-1)}}                   | abc                 | abc",
            "*       | {{sliceFromLeft(1,3)}}                     | abc                 | abc",
            "*       | {{sliceFromLeft(1,2)}}                     | abcdef              | ab.cd.ef",
            "*       | {{sliceFromRight(1,2)}}                    | abcdef              | ab.cd.ef",
            "*       | {{sliceFromRight(1,4)}}                    | abcdef              | ab.cdef",
            "*       | {{sliceFromRight(1,0)}}                    | abcdef              | abcdef",
            "*       | {{left(1,0)}}                              | abcd                | abcd",
            "*       | {{right(1,-2)}}                            | abcd                | abcd",
            // function names: spaces inside the braces, either case of each word's initial
            "*.*     | {{ Partition (10,1,2) }}.x                 | a.b                 | 6.x",
            "*       | {{ wildcard( 1 ) }}                        | v                   | v",
            "*       | {{Splitfromleft(1,1)}}                     | ab                  | a.b",
            "*       | {{sPLIT(1,-)}}x                            | a-b                 | {{sPLIT(1,-)}}x",
            // the destination names no wildcard: allowed without strict (2.10), the source is a filter
            "foo.*.* | bar.$2                                     | foo.a.b             | bar.b",
            "foo.*   | bar                                        | foo.a               | bar",
            // '$' without a number is a plain token (nats-server keeps "$JS" and such as they are)
            "foo.*   | $foo.$1                                    | foo.a               | $foo.a",
            "foo.*   | $1x.$1                                     | foo.a               | $1x.a",
            // a wildcard number of 0 or below reads the first token (a map miss in nats-server)
            "foo.*   | x.$0                                       | foo.a               | x.foo",
            "foo.*   | x.{{wildcard(-1)}}.$+1                     | foo.a               | x.foo.a",
            // split: two leading delimiters leave a leading '.', as nats-server's joining rule does
            "*.*     | {{split(2,-)}}                             | x.--a               | .a",
            "*       | {{split(1,--)}}                            | a--b----c           | a.b.c",
            "*       | {{split(1,-)}}                             | ---                 | ''",
            "*       | {{split(1,)}}                              | abc                 | a.b.c",
            "*       | {{split(1,-)}}                             | abc                 | abc",
            // '>' to '>' returns any subject as it is
            ">       | >                                          | a.b                 | a.b",
            ">       | x.>                                        | a.b                 | x.a.b",
            "a.>     | >                                          | a.b.c               | b.c",
    })
    void transformsAsNatsServer(String source, String destination, String subject, String expected) {
        SubjectTransform transform = SubjectTransform.of(source, destination);
        assertThat(transform.match(subject)).contains(expected);
        assertThat(transform.transform(subject)).isEqualTo(expected);
    }

    @Test
    void anEmptyDestinationLeavesSubjectsAlone() {
        // nats-server returns no transform at all; callers then pass subjects through.
        SubjectTransform none = SubjectTransform.of("foo", "");
        assertThat(none.match("foo")).contains("foo");
        assertThat(none.match("bar")).isEmpty();
        assertThat(none.reverse()).contains(none);
        assertThat(SubjectTransform.of("", "").match("any.thing")).contains("any.thing");
    }

    @Test
    void anEmptySourceIsTheFullWildcard() {
        assertThat(SubjectTransform.of("", "prefix.>").source()).isEqualTo(">");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo.*   | bar.$1 | foo",
            "foo.*   | bar.$1 | foo.a.b",
            "foo.*   | bar.$1 | bar.a",
            "foo.>   | bar.>  | foo",
            "foo     | bar    | foo.bar",
            // not literal: nats-server's Match refuses wildcards and empty tokens
            "foo.*   | bar.$1 | foo.*",
            "foo.*   | bar.$1 | foo.>",
            "foo.>   | bar.>  | foo..a",
            "*       | $1     | ''"})
    void doesNotMatch(String source, String destination, String subject) {
        assertThat(SubjectTransform.of(source, destination).match(subject)).isEmpty();
    }

    @Test
    void aSourceTokenStartingWithAStarMatchesAnyToken() {
        // nats-server's isSubsetMatch looks at the first byte only; kept so traffic lands alike.
        assertThat(SubjectTransform.of("foo.*x.*", "bar.$1").match("foo.abc.d")).contains("bar.d");
        assertThat(SubjectTransform.of("foo.*x", "bar").match("foo.abc")).contains("bar");
    }

    @Test
    void transformOfAShortSubjectLeavesTheMissingTokenEmpty() {
        // TestSubjectTransformDoesntPanicTransformingMissingToken
        assertThat(SubjectTransform.of("foo.*", "one.two.{{wildcard(1)}}").transform("foo")).isEqualTo("one.two.");
    }

    @Test
    void partitionIsFnv1aOfTheTokensRunTogether() {
        // FNV-1a 32 of "foobar" is 0xbf9cf968 (the published test vector): 3214735720.
        long hash = 0xbf9cf968L;
        for (int partitions : new int[] {1, 2, 3, 7, 10, 1000, 65_536}) {
            SubjectTransform transform = SubjectTransform.of("*.*", "p.{{partition(" + partitions + ",1,2)}}");
            assertThat(transform.transform("foo.bar")).isEqualTo("p." + hash % partitions);
        }
        // The same bytes in one token hash the same: tokens are not separated in the key.
        assertThat(SubjectTransform.of("*", "{{partition(1000,1)}}").transform("foobar")).isEqualTo("" + hash % 1000);
        // The count is a Go uint32: -1 is 4294967295.
        assertThat(SubjectTransform.of("*", "{{partition(-1,1)}}").transform("foobar")).isEqualTo("" + hash);
        // Each byte of a UTF-8 subject counts: "é" is the two bytes C3 A9.
        assertThat(SubjectTransform.of("*", "{{partition(4294967295,1)}}").transform("\u00c3\u00a9"))
                .isEqualTo(Long.toString(fnv1a(new byte[] {(byte) 0xC3, (byte) 0xA9}) % 4294967295L));
    }

    private static long fnv1a(byte[] bytes) {
        long hash = 0x811C9DC5L;
        for (byte b : bytes) {
            hash = ((hash ^ (b & 0xFF)) * 0x01000193L) & 0xFFFFFFFFL;
        }
        return hash;
    }

    @Test
    void partitionWithSeveralWildcardsAndOtherTokens() {
        SubjectTransform transform = SubjectTransform.of("foo.*.*",
                "foo.{{wildcard(1)}}.{{wildcard(2)}}.{{partition(5,1,2)}}");
        assertThat(transform.transform("foo.foo.bar")).isEqualTo("foo.foo.bar." + 0xbf9cf968L % 5);
    }

    @Test
    void leftAndRightCutBytesNotCharacters() {
        // "é" is two bytes in the server's one-char-per-byte subjects, as in nats-server's Go strings.
        assertThat(SubjectTransform.of("*", "{{left(1,1)}}").transform("\u00c3\u00a9x")).isEqualTo("\u00c3");
        assertThat(SubjectTransform.of("*", "{{split(1,)}}").transform("a\u00c3\u00a9\u00ff"))
                .isEqualTo("a.\u00c3\u00a9.\u00ff");
        // Go's strings.Split(s, "") writes U+FFFD for a byte that is not UTF-8, except in the last piece.
        assertThat(SubjectTransform.of("*", "{{split(1,)}}").transform("a\u00a9b"))
                .isEqualTo("a.\u00ef\u00bf\u00bd.b");
    }

    @ParameterizedTest(name = "{0} -> {1}: {3}")
    @CsvSource(delimiter = '|', value = {
            // nats-server's shouldErr cases, with its texts
            "foo..   | bar                       | false | invalid subject",
            "foo.*   | bar.*                     | false | invalid subject",
            "foo.*   | bar.$2                    | false | invalid mapping destination: wildcard index out of range in $2: [2]",
            "foo.*   | bar.$1.>                  | false | invalid subject",
            "foo.>   | bar.baz                   | false | invalid subject",
            "foo.*.* | bar.$2                    | true  | invalid mapping destination: not using all of the token wildcard(s) in bar.$2",
            "foo.*   | foo.$foo                  | true  | invalid mapping destination: not using all of the token wildcard(s) in foo.$foo",
            "foo.*   | bar.{{Partition(2,1)}}    | true  | invalid mapping destination: the only mapping function allowed for import transforms is {{Wildcard()}} in {{Partition(2,1)}}",
            "foo.*   | foo.{{wildcard(2)}}       | false | invalid mapping destination: wildcard index out of range in {{wildcard(2)}}: [2]",
            "foo.*   | foo.{{unimplemented(1)}}  | false | invalid mapping destination: unknown function in {{unimplemented(1)}}",
            "foo.*   | foo.{{partition(10)}}     | false | invalid mapping destination: not enough arguments passed to the function in {{partition(10)}}",
            "foo.*   | foo.{{wildcard(foo)}}     | false | invalid mapping destination: function argument is invalid or in the wrong format in {{wildcard(foo)}}",
            "foo.*   | foo.{{wildcard()}}        | false | invalid mapping destination: not enough arguments passed to the function in {{wildcard()}}",
            "foo.*   | foo.{{wildcard(1,2)}}     | false | invalid mapping destination: too many arguments passed to the function in {{wildcard(1,2)}}",
            "foo.*   | foo.{{ wildcard5) }}      | false | invalid mapping destination: unknown function in {{ wildcard5) }}",
            "foo.*   | foo.{{splitLeft(2,2}}     | false | invalid mapping destination: unknown function in {{splitLeft(2,2}}",
            "foo     | bla.{{wildcard(1)}}       | false | invalid mapping destination: wildcard index out of range in {{wildcard(1)}}",
            // more of its texts
            "foo.>   | bar.$1.>                  | false | invalid mapping destination: wildcard index out of range in $1",
            "foo.>   | bar.{{partition(2,1)}}.>  | true  | invalid mapping destination: the only mapping function allowed for import transforms is {{Wildcard()}} in {{partition(2,1)}}",
            "foo     | bar.$1                    | true  | invalid mapping destination: wildcard index out of range in $1",
            "foo.*   | {{split(1)}}              | false | invalid mapping destination: not enough arguments passed to the function in {{split(1)}}",
            "foo.*   | {{split(1,-,+)}}          | false | invalid mapping destination: too many arguments passed to the function in {{split(1,-,+)}}",
            "foo.*   | {{split(1,- )}}           | false | invalid mapping destination: function argument is invalid or in the wrong format in {{split(1,- )}}",
            "foo.*   | {{splitFromLeft(1)}}      | false | invalid mapping destination: not enough arguments passed to the function in {{splitFromLeft(1)}}",
            "foo.*   | {{sliceFromRight(1,2,3)}} | false | invalid mapping destination: too many arguments passed to the function in {{sliceFromRight(1,2,3)}}",
            "foo.*   | {{left(1,x)}}             | false | invalid mapping destination: function argument is invalid or in the wrong format in {{left(1,x)}}",
            "foo.*   | {{right(1, ٣)}}           | false | invalid mapping destination: function argument is invalid or in the wrong format in {{right(1, ٣)}}",
            "foo.*   | {{partition(3,1,99999999999999999999)}} | false | invalid mapping destination: function argument is invalid or in the wrong format in {{partition(3,1,99999999999999999999)}}",
            "foo.*   | {{PARTITION(3,1)}}        | false | invalid mapping destination: unknown function in {{PARTITION(3,1)}}",
            // a zero count: nats-server would divide by it per message; refused here
            "foo.*   | {{partition(0,1)}}        | false | invalid mapping destination: function argument is invalid or in the wrong format in {{partition(0,1)}}",
            "foo.*   | {{split(1,-)}}            | true  | invalid mapping destination: the only mapping function allowed for import transforms is {{Wildcard()}} in {{split(1,-)}}",
            "foo.*   | {{left(1,1)}}             | true  | invalid mapping destination: the only mapping function allowed for import transforms is {{Wildcard()}} in {{left(1,1)}}"})
    void refusesWithNatsServersText(String source, String destination, boolean strict, String message) {
        assertThatThrownBy(() -> build(source, destination, strict))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo.*   | bar.{{Wildcard(1)}}                     | true",
            "foo.*.* | bar.$2                                  | false",
            "foo.*.* | bar.{{wildcard(1)}}                     | false",
            "foo     | bar                                     | false",
            "foo.*.bar.*.baz | req.$2.$1                       | false",
            "baz.>   | mybaz.>                                 | false",
            "*       | {{splitfromleft(1,1)}}                  | false",
            "''      | prefix.>                                | false",
            "*.*     | {{partition(10,1,2)}}                   | false",
            "foo.*.* | foo.{{wildcard(1)}}.{{wildcard(2)}}.{{partition(5,1,2)}} | false",
            "foo.*.* | $2.$1.{{wildcard(2)}}                   | true",
            "foo bar.* | x.$1                                  | false"})
    void acceptsAsNatsServer(String source, String destination, boolean strict) {
        assertThat(build(source, destination, strict)).isNotNull();
    }

    private static SubjectTransform build(String source, String destination, boolean strict) {
        return strict ? SubjectTransform.strict(source, destination) : SubjectTransform.of(source, destination);
    }

    @Test
    void reverseUndoesAnImportTransform() {
        // TestSubjectTransformHelpers
        SubjectTransform forward = SubjectTransform.strict("foo.*.*", "bar.$2.{{Wildcard(1)}}");
        String transformed = forward.transform("foo.b.a");
        assertThat(transformed).isEqualTo("bar.a.b");
        SubjectTransform back = forward.reverse().orElseThrow();
        assertThat(back.source()).isEqualTo("bar.*.*");
        assertThat(back.destination()).isEqualTo("foo.$2.{{Wildcard(1)}}");
        assertThat(back.transform(transformed)).isEqualTo("foo.b.a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo     | bar             | bar          | foo",
            "foo.*.* | bar.$2.$1       | bar.*.*      | foo.$2.$1",
            "foo.*   | bar.$1.baz      | bar.*.baz    | foo.$1",
            "foo.>   | bar.>           | bar.>        | foo.>",
            "foo.*.> | bar.$1.>        | bar.*.>      | foo.$1.>",
            "a.*.b.* | {{wildcard(2)}}.x.{{ wildcard(1) }} | *.x.*  | a.{{wildcard(2)}}.b.{{ wildcard(1) }}"})
    void reverse(String source, String destination, String reverseSource, String reverseDestination) {
        SubjectTransform back = SubjectTransform.of(source, destination).reverse().orElseThrow();
        assertThat(back.source()).isEqualTo(reverseSource);
        assertThat(back.destination()).isEqualTo(reverseDestination);
    }

    @Test
    void reverseRoundTrips() {
        SubjectTransform forward = SubjectTransform.strict("a.*.b.*", "{{wildcard(2)}}.x.$1");
        SubjectTransform back = forward.reverse().orElseThrow();
        assertThat(back.match(forward.match("a.1.b.2").orElseThrow())).contains("a.1.b.2");
    }

    @Test
    void noReverseWhereNatsServerHasNone() {
        // Fewer placeholders than wildcards: nats-server returns nil.
        assertThat(SubjectTransform.of("foo.*.*", "bar.$2").reverse()).isEmpty();
        // "$1x" reads as a placeholder when reversing but as a plain token when building.
        assertThat(SubjectTransform.of("foo.*", "bar.$1x").reverse()).isEmpty();
    }

    @Test
    void aConstantDestinationIsReturnedAsIs() {
        SubjectTransform constant = SubjectTransform.of("foo", "bar");
        assertThat(constant.transform("foo")).isSameAs(constant.transform("foo"));
        assertThat(SubjectTransform.of("foo.*", "bar").transform("foo.x")).isEqualTo("bar");
    }
}
