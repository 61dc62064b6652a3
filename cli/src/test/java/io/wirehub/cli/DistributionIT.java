package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.StartLatency;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution tarball as a user gets it: {@code ./wirehub dist --image} (scripts/make-dist.sh,
 * on the jars just packaged) writes it once for this class, with the OCI image Jib builds of it;
 * each test unpacks the tarball into an empty directory and runs {@code bin/wirehub} there with no
 * JAVA_HOME and a PATH that has neither java nor Maven, or reads the image.
 */
class DistributionIT {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path built;
    private static Path tarball;
    private static Path image;
    private static String top;

    @BeforeAll
    static void makeTheTarballOnce() throws Exception {
        Path log = built.resolve("dist.log");
        ProcessBuilder builder = new ProcessBuilder(REPOSITORY.resolve("wirehub").toString(), "dist",
                "--image", "--output", built.resolve("out").toString())
                .directory(REPOSITORY.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("WIREHUB_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process dist = builder.start();
        assertThat(dist.waitFor(5, TimeUnit.MINUTES)).as("dist finishes").isTrue();
        assertThat(dist.exitValue()).as(Files.readString(log)).isZero();
        try (Stream<Path> files = Files.list(built.resolve("out"))) {
            tarball = files.filter(f -> f.getFileName().toString().matches("wirehub-.+\\.tar\\.gz")).findFirst()
                    .orElseThrow();
        }
        top = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
        assertThat(Files.readString(log)).contains("wrote " + tarball);
        image = built.resolve("out").resolve(top + "-image.tar");
        assertThat(image).isNotEmptyFile();
    }

    /** The tarball unpacked with tar (as a user would, keeping the file modes) into an empty directory. */
    private static Path unpack(Path into) throws Exception {
        Process tar = new ProcessBuilder("tar", "-C", into.toString(), "-xzf", tarball.toString()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (Stream<Path> entries = Files.list(into)) {
            assertThat(entries.map(p -> p.getFileName().toString())).as("one top directory").containsExactly(top);
        }
        return into.resolve(top);
    }

    /**
     * bin/wirehub in a bare environment: no JAVA_HOME, and a PATH of only the few tools a server
     * has without a JDK (perl, readlink, mkdir), none of them java or mvn.
     */
    private static ProcessBuilder installed(Path home, Path scratch, Path log, String... args) throws IOException {
        Path bin = Files.createDirectories(scratch.resolve("path-bin"));
        for (String tool : List.of("perl", "readlink", "mkdir")) {
            Path link = bin.resolve(tool);
            if (!Files.exists(link)) {
                Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable)
                        .findFirst().orElseThrow();
                Files.createSymbolicLink(link, real);
            }
        }
        assertThat(bin.resolve("java")).doesNotExist();
        assertThat(bin.resolve("mvn")).doesNotExist();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/wirehub").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", bin.toString());
        env.put("HOME", scratch.toString());
        return builder;
    }

    @Test
    void theTarballHoldsARuntimeTheLauncherManPagesCompletionConfigAndUnits(@TempDir Path into) throws Exception {
        Path home = unpack(into);
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/wirehub"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("runtime/lib/modules")).isRegularFile();
        // jlink's --no-header-files --no-man-pages: no JDK leftovers.
        assertThat(home.resolve("runtime/include")).doesNotExist();
        assertThat(home.resolve("runtime/man")).doesNotExist();
        assertThat(home.resolve("runtime/bin/javac")).doesNotExist();
        assertThat(Files.readString(home.resolve("runtime/release"))).contains("jdk.httpserver").contains("java.base");
        assertThat(home.resolve("lib/wirehub-cli.jar")).isRegularFile();
        assertThat(home.resolve("lib/wirehub-server.jar")).isRegularFile();
        assertThat(home.resolve("lib/jnats.jar")).as("the client commands' library").isRegularFile();
        assertThat(home.resolve("libexec/bind-listeners.pl")).isRegularFile();
        if (Runtime.version().feature() >= 25) {
            assertThat(home.resolve("lib/wirehub-serve.aot")).as("the AOT cache recorded at dist time").isNotEmptyFile();
        }
        String launcher = Files.readString(home.resolve("bin/wirehub"));
        assertThat(launcher).contains("_JAVA_SR_SIGNUM").contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED")
                .contains("$lib/wirehub-server.jar").doesNotContain("@SERVE_CLASSPATH@").doesNotContain("jnats.jar");

        String completion = Files.readString(home.resolve("share/bash-completion/completions/wirehub"));
        assertThat(completion).contains("complete -F").contains("serve").contains("--http_port");
        Path manPage = home.resolve("share/man/man1/wirehub-serve.1");
        if (Files.exists(manPage) || System.getenv("WIREHUB_REQUIRE_TEST_TOOLS") != null) {
            assertThat(Files.readString(manPage)).startsWith("'\\\" t").contains(".TH \"WIREHUB\\-SERVE\"")
                    .contains("\\-\\-config");
            assertThat(home.resolve("share/man/man1/wirehub.1")).isRegularFile();
            assertThat(home.resolve("share/man/man1/wirehub-pub.1")).isRegularFile();
        } else {
            assertThat(home.resolve("share/doc/wirehub/man/wirehub-serve.adoc")).as("asciidoctor absent: AsciiDoc")
                    .isRegularFile();
        }

        String socket = Files.readString(home.resolve("systemd/wirehub.socket"));
        assertThat(socket).contains("[Socket]").contains("ListenStream=4222");
        String service = Files.readString(home.resolve("systemd/wirehub.service"));
        assertThat(service).contains("StandardInput=socket").contains("Environment=WIREHUB_LISTEN_STDIN=1")
                .contains("StandardOutput=journal").contains("ExecStart=/opt/wirehub/bin/wirehub serve -c ");
        assertThat(home.resolve("LICENSE")).isRegularFile();
        assertThat(Files.readString(home.resolve("README"))).contains("systemctl enable --now wirehub.socket");
    }

    @Test
    void theSampleConfigIsAccepted(@TempDir Path into) throws Exception {
        Path home = unpack(into);
        Path log = into.resolve("check.log");
        Process check = installed(home, into, log, "serve", "-t", "-c", home.resolve("etc/wirehub.conf").toString())
                .start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("is valid");
    }

    @Test
    void serveRunsOnTheBundledRuntimeWithoutAJdkOrMaven(@TempDir Path into) throws Exception {
        Path home = unpack(into);
        int port = StartLatency.freePort();
        Path log = into.resolve("serve.log");
        Process serve = installed(home, into, log, "serve", "-a", "127.0.0.1", "-p", Integer.toString(port)).start();
        try {
            Await.until(WAIT, () -> accepts(port), "the client port accepting");
            Options options = new Options.Builder().server("nats://127.0.0.1:" + port).connectionTimeout(WAIT)
                    .maxReconnects(0).build();
            try (Connection nats = Nats.connect(options)) {
                Subscription sub = nats.subscribe("dist.check");
                nats.flush(WAIT);
                nats.publish("dist.check", "from the tarball".getBytes(StandardCharsets.UTF_8));
                Message message = sub.nextMessage(WAIT);
                assertThat(message).isNotNull();
                assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("from the tarball");
                assertThat(nats.getServerInfo().getVersion()).isEqualTo("2.10.29");
            }
            // The launcher exec'd the bundled runtime's java (the pid is the JVM's).
            assertThat(serve.info().command()).hasValue(home.resolve("runtime/bin/java").toRealPath().toString());
        } finally {
            serve.destroy();    // SIGTERM
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(serve.exitValue()).as(Files.readString(log)).isZero();
        String output = Files.readString(log);
        assertThat(output).contains("Server is ready").contains("Server Exiting..")
                .contains("Listening for client connections on 127.0.0.1:" + port);
        assertThat(ProcessHandle.of(serve.pid())).isEmpty();
    }

    @Test
    void clientCommandsRunOnTheBundledRuntime(@TempDir Path into) throws Exception {
        Path home = unpack(into);
        Path log = into.resolve("version.log");
        Process version = installed(home, into, log, "--version").start();
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).isZero();
        String runtime = Files.readString(home.resolve("runtime/release"));
        String javaVersion = runtime.replaceAll("(?s).*JAVA_VERSION=\"([^\"]+)\".*", "$1");
        assertThat(Files.readString(log)).startsWith("nats-server: v").contains("Java " + javaVersion);
    }

    /** The image's OCI layout unpacked: its config, and its layers laid on one another as {@code rootfs}. */
    private record Image(JsonNode config, Path rootfs) {
    }

    private static Image readImage(Path into, boolean withLayers) throws Exception {
        untar(image, into, "-xf");
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(into.resolve("index.json").toFile());
        assertThat(index.path("manifests").get(0).path("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.manifest.v1+json");
        JsonNode manifest = json.readTree(blob(into, index.path("manifests").get(0)).toFile());
        JsonNode config = json.readTree(blob(into, manifest.path("config")).toFile());
        Path rootfs = Files.createDirectories(into.resolve("rootfs"));
        if (withLayers) {
            for (JsonNode layer : manifest.path("layers")) {
                untar(blob(into, layer), rootfs, "-xzf");
            }
        }
        return new Image(config, rootfs);
    }

    private static Path blob(Path layout, JsonNode descriptor) {
        return layout.resolve("blobs/sha256").resolve(descriptor.path("digest").asText().replaceFirst("^sha256:", ""));
    }

    private static void untar(Path archive, Path into, String mode) throws Exception {
        Process tar = new ProcessBuilder("tar", "-C", into.toString(), mode, archive.toString()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theImageRunsTheBundledRuntimeAsANonRootUserWithTheNatsPortsExposed(@TempDir Path into) throws Exception {
        Image built = readImage(into, true);
        JsonNode config = built.config().path("config");
        List<String> entrypoint = strings(config.path("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("/opt/wirehub/runtime/bin/java");
        assertThat(entrypoint).contains("-XX:-UsePerfData", "java.base/sun.nio.ch=ALL-UNNAMED")
                .endsWith("io.wirehub.cli.Main");
        assertThat(strings(config.path("Cmd"))).containsExactly("serve");
        assertThat(config.path("ExposedPorts").has("4222/tcp")).isTrue();
        assertThat(config.path("ExposedPorts").has("8222/tcp")).isTrue();
        String user = config.path("User").asText();
        assertThat(user).matches("\\d+:\\d+");
        assertThat(user.substring(0, user.indexOf(':'))).as("not root").isNotEqualTo("0");
        assertThat(strings(config.path("Env"))).contains("_JAVA_SR_SIGNUM=39");
        assertThat(built.config().path("os").asText()).isEqualTo("linux");
        // Everything the entry point names is in the image: the runtime, each jar, the AOT cache.
        Path rootfs = built.rootfs();
        assertThat(rootfs.resolve("opt/wirehub/runtime/bin/java")).isExecutable();
        assertThat(rootfs.resolve("lib64/ld-linux-x86-64.so.2")).isExecutable();
        assertThat(rootfs.resolve("lib/x86_64-linux-gnu/libc.so.6")).isRegularFile();
        String classPath = entrypoint.get(entrypoint.indexOf("-cp") + 1);
        for (String jar : classPath.split(":")) {
            assertThat(rootfs.resolve(jar.substring(1))).as(jar).isRegularFile();
        }
        for (String option : entrypoint) {
            if (option.startsWith("-XX:AOTCache=") || option.startsWith("-XX:SharedArchiveFile=")) {
                assertThat(rootfs.resolve(option.substring(option.indexOf('=') + 2))).isNotEmptyFile();
            }
        }
    }

    @Test
    void theImagesServeStartsOnItsOwnFileSystem(@TempDir Path into) throws Exception {
        // Run as a container runtime would, without one: the image's layers as the root file system
        // (chroot, in a mount namespace with /proc), as the image's user, with its entry point and
        // environment. Only glibc in the image and nothing of the host's is at hand.
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot() || System.getenv("WIREHUB_REQUIRE_TEST_TOOLS") != null,
                "chroot and mount need root");
        Image built = readImage(into, true);
        JsonNode config = built.config().path("config");
        Path rootfs = built.rootfs();
        Files.createDirectories(rootfs.resolve("proc"));
        int port = StartLatency.freePort();
        // sh gets the root and the user, then the entry point, the command and the test's flags.
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--kill-child=SIGTERM", "sh", "-c",
                "root=$0; user=$1; shift; mount -t proc proc \"$root/proc\""
                        + " && exec chroot --userspec=\"$user\" \"$root\" \"$@\"",
                rootfs.toString(), config.path("User").asText()));
        command.addAll(strings(config.path("Entrypoint")));
        command.addAll(strings(config.path("Cmd")));
        command.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(port)));
        Path log = into.resolve("image-serve.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String variable : strings(config.path("Env"))) {
            builder.environment().put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        Process serve = builder.start();
        try {
            Await.until(WAIT, () -> accepts(port) || !serve.isAlive(), "the client port accepting");
            assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
            Options options = new Options.Builder().server("nats://127.0.0.1:" + port).connectionTimeout(WAIT)
                    .maxReconnects(0).build();
            try (Connection nats = Nats.connect(options)) {
                Subscription sub = nats.subscribe("image.check");
                nats.flush(WAIT);
                nats.publish("image.check", "from the image".getBytes(StandardCharsets.UTF_8));
                Message message = sub.nextMessage(WAIT);
                assertThat(message).isNotNull();
                assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("from the image");
            }
            // SIGTERM to the JVM itself, as a container runtime sends it (unshare does not pass it on).
            serve.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/bin/java")).orElse(false))
                    .forEach(ProcessHandle::destroy);
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            serve.descendants().forEach(ProcessHandle::destroyForcibly);
            serve.destroyForcibly();
        }
        assertThat(read(log)).contains("Server Exiting..");
        assertThat(Files.readString(log)).contains("Listening for client connections on 127.0.0.1:" + port)
                .doesNotContain("SIGUSR2 (lame duck mode) is not handled");
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        try {
            return Files.getOwner(Path.of("/proc/self")).getName().equals("root");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
