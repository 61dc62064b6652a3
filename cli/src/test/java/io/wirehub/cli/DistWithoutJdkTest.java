package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./wirehub dist} on a machine without what it needs says what is missing, in one place,
 * and writes nothing. The machine is made by the test: JAVA_HOME, the JVM directory
 * (WIREHUB_JVM_DIR) and PATH hold only the Java homes it builds, each a {@code release} file and
 * stub tools, so the real JDKs here are out of sight.
 */
class DistWithoutJdkTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    /** What make-dist.sh and find-java.sh run before they look for a JDK. */
    private static final List<String> TOOLS = List.of("sh", "dirname", "sed", "ls", "sort", "readlink", "head");

    @TempDir
    Path dir;

    @Test
    void withOnlyAJava17ItSaysAJdk21IsNeededAndWhereItLooked() throws Exception {
        Path jdk17 = javaHome("jdk-17", "17.0.12", "java", "javac", "jlink", "jdeps");
        Run run = dist(jdk17);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("wirehub: needs a JDK 21 or newer and found none.")
                .contains(jdk17 + " (17)")
                .contains("wirehub dist: a distribution is linked from a JDK 21 or newer (jlink, jdeps); none found");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aJava21WithoutJlinkIsNamedWithTheToolItLacks() throws Exception {
        Path jre21 = javaHome("jre-21", "21.0.4", "java", "javac");
        Run run = dist(jre21);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("wirehub dist: " + jre21 + " has no bin/jlink");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private record Run(int exitCode, String output) {
    }

    private Run dist(Path javaHome) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : TOOLS) {
            Path link = bin.resolve(tool);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, which(tool));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(REPOSITORY.resolve("wirehub").toString(), "dist", "--output",
                dir.resolve("out").toString()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("WIREHUB_JVM_DIR", Files.createDirectories(dir.resolve("jvm")).toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dist ends").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A Java home as find-java.sh reads it: a {@code release} file, and {@code bin/} with these tools. */
    private Path javaHome(String name, String version, String... tools) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : tools) {
            Path stub = Files.writeString(bin.resolve(tool), "#!/bin/sh\necho stub >&2\nexit 3\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private static Path which(String tool) {
        for (String directory : List.of("/usr/bin", "/bin")) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " not found in /usr/bin or /bin");
    }
}
