package io.wirehub.server.config;

import static io.wirehub.server.config.ParsedText.parse;
import static io.wirehub.server.config.ParsedText.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"port: 4222", "port = 4222", "port 4222", "port:4222", "port=4222",
            "  port   :   4222  ", "port\t4222", "\"port\": 4222", "'port' = 4222", "port: 4222;",
            "port: 4222,", "port: 4222 # comment", "port: 4222 // comment", "port: 4222\r\n"})
    void readsEveryKeyValueForm(String text) {
        assertThat(parse(text).plain()).isEqualTo(Map.of("port", 4222L));
    }

    @Test
    void separatesEntriesWithNewLinesSemicolonsAndCommas() {
        assertThat(parse("a: 1; b: 2, c: 3\nd: 4").plain())
                .containsExactly(Map.entry("a", 1L), Map.entry("b", 2L), Map.entry("c", 3L), Map.entry("d", 4L));
    }

    @Test
    void skipsCommentsOfBothKinds() {
        String text = """
                # hash comment
                // slash comment
                a: 1 # after a value
                m {
                  # inside a map
                  b: 2 // after a map value
                }
                l: [ 1 # in a list
                     2 // also
                ]
                """;
        assertThat(parse(text).plain()).isEqualTo(Map.of("a", 1L, "m", Map.of("b", 2L), "l", List.of(1L, 2L)));
    }

    @Test
    void readsQuotedAndUnquotedStrings() {
        String text = """
                dq: "hello world"
                sq: 'single "quoted"'
                raw: hello
                url: nats://user:pass@host:4222
                path: /tmp/nats_data
                starts_with_digit: 3xyz
                hash_inside: bar#baz
                dq_empty: ""
                sq_empty: ''
                multi: 'two
                lines'
                """;
        Map<String, Object> values = parse(text).plain();
        assertThat(values).containsEntry("dq", "hello world")
                .containsEntry("sq", "single \"quoted\"")
                .containsEntry("raw", "hello")
                .containsEntry("url", "nats://user:pass@host:4222")
                .containsEntry("path", "/tmp/nats_data")
                .containsEntry("starts_with_digit", "3xyz")
                .containsEntry("hash_inside", "bar#baz")
                .containsEntry("dq_empty", "")
                .containsEntry("sq_empty", "")
                .containsEntry("multi", "two\nlines");
    }

    @Test
    void singleQuotedStringsKeepBackslashesWhileDoubleQuotedOnesDecodeThem() {
        Map<String, Object> values = parse("""
                sq: 'a\\tb'
                dq: "a\\tb\\n\\r\\"q\\" \\\\ \\x41\\xc3\\xa9"
                raw: a\\x41b
                """).plain();
        assertThat(values.get("sq")).isEqualTo("a\\tb");
        assertThat(values.get("dq")).isEqualTo("a\tb\n\r\"q\" \\ A\u00e9");
        assertThat(values.get("raw")).isEqualTo("aAb");
    }

    @Test
    void readsBooleansInAnyCaseButOnlyUnquoted() {
        Map<String, Object> values = parse("""
                a: true
                b: YES
                c: On
                d: false
                e: no
                f: OFF
                g: "true"
                h: truex
                """).plain();
        assertThat(values).containsEntry("a", true).containsEntry("b", true).containsEntry("c", true)
                .containsEntry("d", false).containsEntry("e", false).containsEntry("f", false)
                .containsEntry("g", "true").containsEntry("h", "truex");
    }

    @Test
    void appliesSizeSuffixesLikeNatsServer() {
        Map<String, Object> values = parse("""
                k: 8k
                kb: 4kb
                ki: 3Ki
                kib: 4KiB
                m: 1m
                mb: 2MB
                g: 2g
                gb: 1GB
                t: 1T
                neg: -1k
                """).plain();
        assertThat(values).containsEntry("k", 8_000L).containsEntry("kb", 4_096L)
                .containsEntry("ki", 3_072L).containsEntry("kib", 4_096L)
                .containsEntry("m", 1_000_000L).containsEntry("mb", 2_097_152L)
                .containsEntry("g", 2_000_000_000L).containsEntry("gb", 1_073_741_824L)
                .containsEntry("t", 1_000_000_000_000L).containsEntry("neg", -1_000L);
    }

    @Test
    void readsNumbersAddressesAndDurationLookingValuesAsNatsServerDoes() {
        Map<String, Object> values = parse("""
                int: 22
                negative: -17
                float: 2.5
                negative_float: -0.5
                ip: 127.0.0.1
                ip_port: 127.0.0.1:4222
                any_port: 127.0.0.1:-1
                colon_port: :4222
                seconds: 2s
                millis: 500ms
                combined: 1h30m
                minutes: 2m
                """).plain();
        assertThat(values).containsEntry("int", 22L).containsEntry("negative", -17L)
                .containsEntry("float", 2.5).containsEntry("negative_float", -0.5)
                .containsEntry("ip", "127.0.0.1").containsEntry("ip_port", "127.0.0.1:4222")
                .containsEntry("any_port", "127.0.0.1:-1").containsEntry("colon_port", ":4222")
                .containsEntry("seconds", "2s").containsEntry("millis", "500ms")
                .containsEntry("combined", "1h30m")
                // Unquoted 2m is a size, as in nats-server: 2 million.
                .containsEntry("minutes", 2_000_000L);
    }

    @Test
    void readsZuluDates() {
        assertThat(parse("now = 2016-05-04T18:53:41Z").get("now"))
                .isEqualTo(Instant.parse("2016-05-04T18:53:41Z"));
    }

    @Test
    void readsNestedMapsWithOrWithoutSeparator() {
        String text = """
                cluster {
                  port: 4244
                  authorization = {
                    user: route_user
                    timeout: 0.5
                  }
                  inline: { a: 1, b: 2 }
                }
                """;
        assertThat(parse(text).get("cluster")).isEqualTo(Map.of(
                "port", 4244L,
                "authorization", Map.of("user", "route_user", "timeout", 0.5),
                "inline", Map.of("a", 1L, "b", 2L)));
    }

    @Test
    void readsListsOnOneOrManyLinesAndListsOfMaps() {
        String text = """
                one_line: [1, 2, 'three', "four"]
                many_lines: [
                  a.com
                  b.com,
                  c.com
                ]
                trailing_comma: [1, 2,]
                users = [
                  {user: alice, password: foo}
                  {user: bob,   password: bar}
                ]
                nested: [[1, 2], []]
                """;
        Map<String, Object> values = parse(text).plain();
        assertThat(values.get("one_line")).isEqualTo(List.of(1L, 2L, "three", "four"));
        assertThat(values.get("many_lines")).isEqualTo(List.of("a.com", "b.com", "c.com"));
        assertThat(values.get("trailing_comma")).isEqualTo(List.of(1L, 2L));
        assertThat(values.get("users")).isEqualTo(List.of(
                Map.of("user", "alice", "password", "foo"), Map.of("user", "bob", "password", "bar")));
        assertThat(values.get("nested")).isEqualTo(List.of(List.of(1L, 2L), List.of()));
    }

    @Test
    void readsBlockStringsUpToALoneClosingParenthesis() {
        String text = "numbers (\n  12(34)56\n  )\n)\nafter: 1\n";
        Map<String, Object> values = parse(text).plain();
        assertThat(values.get("numbers")).isEqualTo("\n  12(34)56\n  )\n");
        assertThat(values.get("after")).isEqualTo(1L);
    }

    @Test
    void acceptsJsonLikeFilesWrappedInBraces() {
        String text = """
                {
                  "port": 4227,
                  "write_deadline": "1h",
                  "cluster": {
                    "routes": ["nats://127.0.0.1:4222", "nats://127.0.0.1:4223"]
                  }
                }
                """;
        assertThat(parse(text).plain()).isEqualTo(Map.of("port", 4227L, "write_deadline", "1h",
                "cluster", Map.of("routes", List.of("nats://127.0.0.1:4222", "nats://127.0.0.1:4223"))));
        assertThat(parse("{ listen: 0.0.0.0:4222 }").get("listen")).isEqualTo("0.0.0.0:4222");
    }

    @Test
    void toleratesAStrayClosingBraceAtTheEndAsNatsServerDoes() {
        assertThat(parse("port: 4222\n}\n").get("port")).isEqualTo(4222L);
        assertThat(syntaxError("}\nport: 4222\n")).isEqualTo("test.conf:1: unexpected '}' with no '{' open");
    }

    @Test
    void emptyOrCommentOnlyTextIsAnEmptyMap() {
        assertThat(parse("").plain()).isEmpty();
        assertThat(parse("\n\n  # only comments\n// here\n").plain()).isEmpty();
        assertThat(parse("{}").plain()).isEmpty();
    }

    @Test
    void aKeyWrittenTwiceKeepsTheLastValueAndItsLine() {
        ParsedText parsed = parse("port: 1\nm { a: 1 }\nport: 2\n");
        assertThat(parsed.get("port")).isEqualTo(2L);
        assertThat(parsed.entry("port").position().line()).isEqualTo(3);
        assertThat(parsed.root.entries().keySet()).containsExactly("m", "port");
    }

    @Test
    void valuesRememberTheirFileAndLine() {
        ParsedText parsed = parse("\n\na: 1\nm {\n\n  b: [\n    x\n  ]\n}\n");
        assertThat(parsed.entry("a").position()).isEqualTo(new SourcePosition(ParsedText.FILE, 3));
        ConfigValue.MapValue m = (ConfigValue.MapValue) parsed.entry("m").value();
        assertThat(m.position().line()).isEqualTo(4);
        assertThat(m.get("b").position().line()).isEqualTo(6);
        ConfigValue.ListValue b = (ConfigValue.ListValue) m.get("b").value();
        assertThat(b.values().get(0).position().line()).isEqualTo(7);
    }

    @Test
    void aValueMaySitOnTheLineAfterItsKeyOnlyWithoutSeparatorOrInsideAMap() {
        assertThat(parse("m {\n  a =\n    1\n}").get("m")).isEqualTo(Map.of("a", 1L));
        assertThat(syntaxError("a =\n 1")).startsWith("test.conf:1: expected a value for \"a\"");
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        assertThat(syntaxError("a: 1\nlisten: [::]:4222\n"))
                .isEqualTo("test.conf:2: expected a new line, ';' or a comment after the value of \"listen\" but found ':'");
        assertThat(syntaxError("a: 1\nfoo bar baz\n")).startsWith("test.conf:2: expected a new line");
        assertThat(syntaxError("a: 1\n\nlonely_key\n")).isEqualTo("test.conf:3: key \"lonely_key\" has no value");
        assertThat(syntaxError("m {\n  a: 1\n")).isEqualTo("test.conf:1: map opened with '{' is not closed");
        assertThat(syntaxError("l: [1,\n 2\n")).isEqualTo("test.conf:1: list opened with '[' is not closed");
        assertThat(syntaxError("l: [1,,2]")).startsWith("test.conf:1: unexpected ','");
        assertThat(syntaxError("s: \"abc\n\n")).isEqualTo("test.conf:1: string opened with \" is not closed");
        assertThat(syntaxError("x: 1\ns: 'abc")).isEqualTo("test.conf:2: string opened with ' is not closed");
        assertThat(syntaxError("s: \"a\\qb\"")).startsWith("test.conf:1: invalid escape '\\q'");
        assertThat(syntaxError("s: \"\\x4\"")).contains("two hexadecimal digits");
        assertThat(syntaxError("f: .5")).contains("must start with a digit");
        assertThat(syntaxError("f: 1.x")).contains("needs a digit after '.'");
        assertThat(syntaxError("f: 1.5s")).contains("but found 's'");
        assertThat(syntaxError("n: -x")).contains("expected a digit after '-'");
        assertThat(syntaxError("n: 12-3")).contains("ISO 8601");
        assertThat(syntaxError("n: 1k2")).contains("but found '2'");
        assertThat(syntaxError("n: 99999999999999999999")).contains("out of range");
        assertThat(syntaxError("n: 9999999999999eb")).contains("out of range");
        assertThat(syntaxError(": 1")).startsWith("test.conf:1: expected a key");
        assertThat(syntaxError("m { a: 1 ]")).contains("after the value of \"a\" but found ']'");
        assertThat(syntaxError("m {\n  a: 1\n  ]")).isEqualTo("test.conf:3: unexpected ']' in a map");
        assertThat(syntaxError("b (\n text\n")).contains("no ')' on a line of its own");
    }

    @Test
    void refusesMapsAndListsNestedTooDeeply() {
        String deep = "a: " + "[".repeat(200) + "]".repeat(200);
        assertThat(syntaxError(deep)).contains("nest deeper than");
    }

    @Test
    void keepsEntriesBeforeASyntaxError() {
        ConfigParser parser = new ConfigParser(new TextCursor("a: 1\nb: {c: 2}\nd: [\n", ParsedText.FILE, 1),
                (name, at) -> Map.of(), VariableLookup.of(Map.of()), new java.util.ArrayList<>());
        assertThatThrownBy(parser::parseDocument).isInstanceOf(ConfigSyntaxException.class)
                .hasMessageContaining("not closed");
        assertThat(parser.parsedEntries().keySet()).containsExactly("a", "b");
    }
}
