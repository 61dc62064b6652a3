package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user sees before reading any code: the README's first screen and the published poms'
 * descriptions (issue 18).
 */
class ReleaseMetadataTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    /** The parent pom's version, which the BOM and every module share. */
    static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>wirehub-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(REPOSITORY.resolve("pom.xml")));
        assertThat(m.find()).as("the parent pom's version").isTrue();
        return m.group(1);
    }

    /** The README up to its first list of features: what fits on the first screen. */
    private static String firstScreen() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        int end = readme.indexOf("What works today");
        assertThat(end).as("README.md's 'What works today'").isPositive();
        return readme.substring(0, end);
    }

    @Test
    void theReadmesFirstScreenShowsHowToInstallAndHowToDependOnTheArtifacts() throws IOException {
        String version = projectVersion();
        String install = firstScreen();
        assertThat(install).contains("## Install").contains("bin/wirehub serve");
        // Maven: the BOM imported at the project's version, then the server without a version.
        assertThat(install).containsPattern("<artifactId>wirehub-bom</artifactId>\\s*<version>"
                + Pattern.quote(version) + "</version>\\s*<type>pom</type>\\s*<scope>import</scope>");
        assertThat(install).containsPattern(
                "<groupId>io.wirehub</groupId>\\s*<artifactId>wirehub-server</artifactId>\\s*</dependency>");
        // Gradle.
        assertThat(install).contains("implementation(platform(\"io.wirehub:wirehub-bom:" + version + "\"))")
                .contains("implementation(\"io.wirehub:wirehub-server\")");
    }

    @Test
    void theTestkitsDescriptionNamesOnlyItsPublicApi() throws IOException {
        Matcher m = Pattern.compile("<description>(.*?)</description>", Pattern.DOTALL)
                .matcher(Files.readString(REPOSITORY.resolve("testkit/pom.xml")));
        assertThat(m.find()).isTrue();
        // Raw clients, certificate makers and transcripts are internal (io.wirehub.testkit.internal).
        assertThat(m.group(1)).contains("JUnit 5 extension")
                .doesNotContainIgnoringCase("raw").doesNotContainIgnoringCase("certificate")
                .doesNotContainIgnoringCase("transcript runner");
    }
}
