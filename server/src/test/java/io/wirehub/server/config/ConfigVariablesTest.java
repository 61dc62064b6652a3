package io.wirehub.server.config;

import static io.wirehub.server.config.ParsedText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigVariablesTest {

    @Test
    void refersToAnEarlierKey() {
        ParsedText parsed = parse("index = 22\nfoo = $index\n");
        assertThat(parsed.plain()).isEqualTo(Map.of("index", 22L, "foo", 22L));
        assertThat(parsed.problems).isEmpty();
    }

    @Test
    void theNearestEnclosingScopeWins() {
        String text = """
                index = 22
                nest {
                  index = 11
                  foo = $index
                  deeper { bar = $index }
                }
                bar = $index
                """;
        Map<String, Object> values = parse(text).plain();
        assertThat(values.get("nest")).isEqualTo(Map.of("index", 11L, "foo", 11L, "deeper", Map.of("bar", 11L)));
        assertThat(values.get("bar")).isEqualTo(22L);
    }

    @Test
    void listsAreNotScopesSoMapsInListsSeeTheEnclosingMap() {
        String text = """
                authorization {
                  PASS: s3cret
                  users = [ {user: alice, password: $PASS} ]
                }
                """;
        Object users = ((Map<?, ?>) parse(text).get("authorization")).get("users");
        assertThat(users).isEqualTo(List.of(Map.of("user", "alice", "password", "s3cret")));
    }

    @Test
    void aVariableMayHoldAMap() {
        String text = """
                PERMS = { publish: "foo.>" }
                user { permissions: $PERMS }
                """;
        assertThat(parse(text).get("user")).isEqualTo(Map.of("permissions", Map.of("publish", "foo.>")));
    }

    @Test
    void fallsBackToTheEnvironmentAndReadsItsTextAsAValue() {
        Map<String, String> environment = Map.of("PORT", "4333", "NAME", "edge-1", "QUOTED", "'3xyz'",
                "ON", "true", "SIZE", "64MB");
        Map<String, Object> values = parse("port: $PORT\nname: $NAME\nq: $QUOTED\nd: $ON\ns: $SIZE\n", environment).plain();
        assertThat(values).containsEntry("port", 4333L).containsEntry("name", "edge-1")
                .containsEntry("q", "3xyz").containsEntry("d", true).containsEntry("s", 67_108_864L);
    }

    @Test
    void aKeyShadowsTheEnvironment() {
        assertThat(parse("HOME: here\nwhere: $HOME", Map.of("HOME", "/root")).get("where")).isEqualTo("here");
    }

    @Test
    void anEnvironmentVariableMayReferToAnother() {
        assertThat(parse("a: $OUTER", Map.of("OUTER", "$INNER", "INNER", "7")).get("a")).isEqualTo(7L);
    }

    @Test
    void aMissingVariableIsReportedWithItsLineAndParsingGoesOn() {
        ParsedText parsed = parse("a: 1\nb: $NOPE\nc: [$ALSO_NOPE, 2]\nd: 4\n");
        assertThat(parsed.problems).containsExactly(
                "test.conf:2: variable reference for 'NOPE' can not be found",
                "test.conf:3: variable reference for 'ALSO_NOPE' can not be found");
        assertThat(parsed.plain()).isEqualTo(Map.of("a", 1L, "c", List.of(2L), "d", 4L));
    }

    @Test
    void aLaterKeyIsNotVisible() {
        ParsedText parsed = parse("a: $b\nb: 1\n");
        assertThat(parsed.problems).containsExactly("test.conf:1: variable reference for 'b' can not be found");
    }

    @Test
    void anEnvironmentValueThatIsNotAValueIsReported() {
        ParsedText parsed = parse("a: $BAD", Map.of("BAD", "two words"));
        assertThat(parsed.problems).singleElement().asString()
                .startsWith("test.conf:1: variable reference for 'BAD' could not be parsed:");
    }

    @Test
    void environmentVariablesReferringToThemselvesAreStopped() {
        ParsedText parsed = parse("a: $LOOP", Map.of("LOOP", "$LOOP"));
        assertThat(parsed.problems).singleElement().asString().contains("too deeply");
    }

    @Test
    void bcryptHashesAreLiteralsNotVariables() {
        String text = """
                a: $2a$11$ooo
                b: $2b$10$UHR6GhotWhpLsKtVP0/i6.Nh9.fuY73cWjLoJjb2sKT8KISBcUW5q
                c: "$2y$10$quoted"
                """;
        ParsedText parsed = parse(text);
        assertThat(parsed.problems).isEmpty();
        assertThat(parsed.plain()).containsEntry("a", "$2a$11$ooo")
                .containsEntry("b", "$2b$10$UHR6GhotWhpLsKtVP0/i6.Nh9.fuY73cWjLoJjb2sKT8KISBcUW5q")
                .containsEntry("c", "$2y$10$quoted");
    }

    @Test
    void aDollarInsideQuotesIsText() {
        assertThat(parse("a: \"$HOME\"\nb: '$HOME'").plain()).isEqualTo(Map.of("a", "$HOME", "b", "$HOME"));
    }

    @Test
    void marksKeysUsedAsVariablesAndPlacesTheValueAtTheReference() {
        ParsedText parsed = parse("TOKEN: abc\nother: 1\n\nauth { token: $TOKEN }\n");
        assertThat(parsed.entry("TOKEN").referencedAsVariable()).isTrue();
        assertThat(parsed.entry("other").referencedAsVariable()).isFalse();
        ConfigValue.MapValue auth = (ConfigValue.MapValue) parsed.entry("auth").value();
        assertThat(auth.get("token").value().position().line()).isEqualTo(4);
    }
}
