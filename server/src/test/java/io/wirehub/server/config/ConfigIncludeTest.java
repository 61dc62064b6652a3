package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIncludeTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static ConfigFileParser.Result parse(Path file) {
        return ConfigFileParser.parse(file, VariableLookup.of(Map.of()));
    }

    @Test
    void includesAFileRelativeToTheIncludingFileInEveryQuotingStyle() throws IOException {
        write("conf/a.conf", "a: 1");
        write("conf/sub/b.conf", "b: 2\ninclude '../c.conf'");
        write("conf/c.conf", "c: 3");
        write("conf/d.conf", "d: 4");
        Path main = write("conf/main.conf", "include \"a.conf\"\ninclude sub/b.conf\nINCLUDE d.conf\nz: 9\n");
        ConfigFileParser.Result result = parse(main);
        assertThat(result.problems()).isEmpty();
        assertThat(ParsedText.plainMap(result.root())).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L, "z", 9L));
        assertThat(result.root().get("c").position()).isEqualTo(new SourcePosition(dir.resolve("conf/c.conf"), 1));
    }

    @Test
    void anIncludeInsideAMapFillsThatMapAndItsKeysServeAsVariables() throws IOException {
        write("passwords.conf", "ALICE_PASS: $2a$10$abc\n");
        Path main = write("main.conf", """
                authorization {
                  include "passwords.conf"
                  users = [ {user: alice, password: $ALICE_PASS} ]
                }
                """);
        ConfigFileParser.Result result = parse(main);
        assertThat(result.problems()).isEmpty();
        Map<?, ?> authorization = (Map<?, ?>) ParsedText.plainMap(result.root()).get("authorization");
        assertThat(authorization.get("users")).isEqualTo(java.util.List.of(Map.of("user", "alice", "password", "$2a$10$abc")));
    }

    @Test
    void anIncludedFileDoesNotSeeTheIncludingFilesKeys() throws IOException {
        write("inner.conf", "b: $A\n");
        Path main = write("main.conf", "A: 1\ninclude inner.conf\n");
        assertThat(parse(main).problems()).containsExactly(
                dir.resolve("inner.conf") + ":1: variable reference for 'A' can not be found");
    }

    @Test
    void aLaterKeyOverridesAnIncludedOne() throws IOException {
        write("base.conf", "port: 1\nname: base\n");
        Path main = write("main.conf", "include base.conf\nport: 2\n");
        assertThat(ParsedText.plainMap(parse(main).root())).isEqualTo(Map.of("port", 2L, "name", "base"));
    }

    @Test
    void reportsIncludeCycles() throws IOException {
        Path a = write("a.conf", "x: 1\ninclude b.conf\n");
        write("b.conf", "\ninclude a.conf\ny: 2\n");
        ConfigFileParser.Result result = parse(a);
        assertThat(result.problems()).containsExactly(dir.resolve("b.conf") + ":2: include cycle: "
                + a + " -> " + dir.resolve("b.conf") + " -> " + dir.resolve("a.conf"));
        assertThat(ParsedText.plainMap(result.root())).isEqualTo(Map.of("x", 1L, "y", 2L));
    }

    @Test
    void reportsASelfInclude() throws IOException {
        Path a = write("self.conf", "include self.conf\n");
        assertThat(parse(a).problems()).singleElement().asString().contains("include cycle");
    }

    @Test
    void reportsACycleThroughASymbolicLinkToADirectory() throws IOException {
        Path main = write("main.conf", "include loop/main.conf\n");
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        assertThat(parse(main).problems()).containsExactly(
                main + ":1: include cycle: " + main + " -> " + dir.resolve("loop/main.conf"));
    }

    @Test
    void includingTheSameFileTwiceIsNoCycle() throws IOException {
        write("common.conf", "c: 1\n");
        Path main = write("main.conf", "m1 { include common.conf }\nm2 { include common.conf }\n");
        ConfigFileParser.Result result = parse(main);
        assertThat(result.problems()).isEmpty();
        assertThat(ParsedText.plainMap(result.root())).isEqualTo(Map.of("m1", Map.of("c", 1L), "m2", Map.of("c", 1L)));
    }

    @Test
    void aSyntaxErrorInAnIncludedFileNamesThatFileAndTheRestIsStillRead() throws IOException {
        write("broken.conf", "good: 1\n\nbad: [1,,2]\n");
        Path main = write("main.conf", "before: 1\ninclude broken.conf\nafter: 2\nwrong: $MISSING\n");
        ConfigFileParser.Result result = parse(main);
        assertThat(result.problems()).containsExactly(
                dir.resolve("broken.conf") + ":3: unexpected ',' in a list: expected a value (included from " + main + ":2)",
                main + ":4: variable reference for 'MISSING' can not be found");
        assertThat(ParsedText.plainMap(result.root())).isEqualTo(Map.of("before", 1L, "good", 1L, "after", 2L));
    }

    @Test
    void aMissingIncludeIsReportedAtTheIncludeLine() throws IOException {
        Path main = write("main.conf", "a: 1\n\ninclude 'nothere.conf'\n");
        assertThat(parse(main).problems()).containsExactly(
                main + ":3: cannot read included file " + dir.resolve("nothere.conf") + ": no such file");
    }

    @Test
    void aMissingConfigFileIsReported() {
        Path missing = dir.resolve("missing.conf");
        assertThat(parse(missing).problems()).containsExactly("cannot read config file " + missing + ": no such file");
    }

    @Test
    void refusesIncludeNamesThatLookLikeValues() throws IOException {
        Path main = write("main.conf", "include [a.conf]\n");
        assertThat(parse(main).problems()).containsExactly(main + ":1: expected an include file name but found '['");
    }
}
