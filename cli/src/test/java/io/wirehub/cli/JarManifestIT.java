package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jars the build packaged (an integration test, so every module before cli is packaged by
 * then), read as a user's module path reads them: each names itself with its
 * {@code Automatic-Module-Name}, and the JDK's module finder takes that name rather than one
 * guessed from the file name.
 */
class JarManifestIT {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Map<String, String> MODULES = Map.of(
            "files-common", "io.wirehub.files",
            "server", "io.wirehub.server",
            "testkit", "io.wirehub.testkit",
            "client", "io.wirehub.client",
            "cli", "io.wirehub.cli");

    @Test
    void everyPublishedJarNamesItsModule() throws Exception {
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            Path jar = packagedJar(module.getKey());
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as(jar + " manifest").isEqualTo(module.getValue());
            }
            Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
            assertThat(found).as(jar + " on a module path").hasSize(1);
            ModuleDescriptor descriptor = found.iterator().next().descriptor();
            assertThat(descriptor.name()).as(jar + " module name").isEqualTo(module.getValue());
            assertThat(descriptor.isAutomatic()).isTrue();
            assertThat(descriptor.packages()).as(jar + " packages").anyMatch(p -> p.startsWith("io.wirehub"));
        }
    }

    /** {@code <module>/target/<artifact>-<version>.jar}: the main jar, not sources, javadoc or tests. */
    private static Path packagedJar(String module) throws Exception {
        Path target = REPOSITORY.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            Set<Path> jars = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("wirehub-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
                        && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar");
            }).collect(Collectors.toSet());
            assertThat(jars).as("the packaged jar in " + target).hasSize(1);
            return jars.iterator().next();
        }
    }
}
