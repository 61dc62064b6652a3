package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.FilesConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code put}, {@code get}, {@code ls}, {@code rm}, {@code send}, {@code receive} against an embedded server. */
class FileCommandsTest {
    @TempDir
    Path dir;
    Wirehub server;
    String url;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .files(FilesConfig.OFF.withDirectory(Files.createDirectories(dir.resolve("store")))
                        .withLimits(8L << 20, 16L << 20)).build());
        url = server.clientUrl();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path file(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void putLsGetRm() throws Exception {
        Path original = file("notes.bin", 1_500_000);
        CommandRun put = CommandRun.of("put", "-s", url, original.toString());
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.out()).isEqualTo("SHA-256 " + sha256(original) + "\n");
        assertThat(put.err()).contains("Stored notes.bin (1500000 bytes)");

        CommandRun ls = CommandRun.of("ls", "-s", url);
        assertThat(ls.out()).contains("notes.bin").contains("1500000").contains(sha256(original));
        assertThat(ls.err()).contains("1 file");

        Path copy = dir.resolve("copy.bin");
        CommandRun get = CommandRun.of("get", "-s", url, "notes.bin", copy.toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo("SHA-256 " + sha256(original) + "\n");
        assertThat(copy).hasSameBinaryContentAs(original);

        assertThat(CommandRun.of("rm", "-s", url, "notes.bin").exitCode()).isZero();
        assertThat(CommandRun.of("ls", "-s", url).out()).isEmpty();
        CommandRun missing = CommandRun.of("get", "-s", url, "notes.bin", copy.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("wirehub: notes.bin: no file named \"notes.bin\"\n");
    }

    @Test
    void jsonViewsOfPutLsAndGet() throws Exception {
        Path original = file("data.bin", 300_000);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        CommandRun put = CommandRun.of("put", "--json", "-s", url, original.toString());
        assertThat(put.exitCode()).as(put.err()).isZero();
        var stored = json.readTree(put.out());
        assertThat(stored.path("name").asText()).isEqualTo("data.bin");
        assertThat(stored.path("size").asLong()).isEqualTo(300_000);
        assertThat(stored.path("sha256").asText()).isEqualTo(sha256(original));

        var listed = json.readTree(CommandRun.of("ls", "--json", "-s", url).out());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("sha256").asText()).isEqualTo(sha256(original));

        Path copy = dir.resolve("data-copy.bin");
        var fetched = json.readTree(CommandRun.of("get", "--json", "-s", url, "data.bin", copy.toString()).out());
        assertThat(fetched.path("path").asText()).isEqualTo(copy.toString());
        assertThat(fetched.path("sha256").asText()).isEqualTo(sha256(original));
        assertThat(copy).hasSameBinaryContentAs(original);
        assertThat(CommandRun.of("rm", "-s", url, "data.bin").exitCode()).isZero();
        assertThat(json.readTree(CommandRun.of("ls", "--json", "-s", url).out())).isEmpty();
    }

    @Test
    void refusalsAreOneLineErrors() throws Exception {
        Path small = file("small.bin", 100);
        CommandRun traversal = CommandRun.of("put", "-s", url, small.toString(), "../../etc/cron.d/x");
        assertThat(traversal.exitCode()).isEqualTo(1);
        assertThat(traversal.err()).startsWith("wirehub: ../../etc/cron.d/x: file name").doesNotContain("\tat ");
        CommandRun tooBig = CommandRun.of("put", "-s", url, file("big.bin", 9 << 20).toString());
        assertThat(tooBig.exitCode()).isEqualTo(1);
        assertThat(tooBig.err()).contains("file too large");
        try (Wirehub plain = Wirehub.start()) {
            CommandRun noService = CommandRun.of("put", "-s", plain.clientUrl(), small.toString());
            assertThat(noService.err()).contains("is the server started with --store DIR?");
        }
    }

    @Test
    void sendAndReceiveThroughTheServerStoreNothingThere() throws Exception {
        Path original = file("photo.raw", 2_000_000);
        String code = "1234-amber-falcon-river";
        Path codeFile = Files.writeString(dir.resolve("code.txt"), code);
        int serversOwn = server.router().index().count();
        CompletableFuture<CommandRun> send = CommandRun.inBackground("send", "-s", url, "--code-file",
                codeFile.toString(), "--wait", "30s", original.toString());
        Await.until(Duration.ofSeconds(30), () -> send.isDone() || server.router().index().count() > serversOwn,
                "sender serving");
        Path inbox = dir.resolve("inbox");
        CommandRun receive = CommandRun.withInput(code + "\n", "receive", "-s", url, "--yes", "-o", inbox.toString());
        assertThat(receive.exitCode()).as(receive.err()).isZero();
        assertThat(receive.out()).isEqualTo("SHA-256 " + sha256(original) + "  photo.raw\n");
        assertThat(inbox.resolve("photo.raw")).hasSameBinaryContentAs(original);
        CommandRun sent = send.get(10, TimeUnit.SECONDS);
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).isEqualTo(code + "\nSHA-256 " + sha256(original) + "  photo.raw\n");
        try (var stored = Files.list(dir.resolve("store"))) {
            assertThat(stored.map(p -> p.getFileName().toString())).containsExactly(".wirehub");
        }
    }

    @Test
    void badCodeIsRefused() {
        CommandRun receive = CommandRun.withInput("not-a-code\n", "receive", "-s", url);
        assertThat(receive.exitCode()).isEqualTo(1);
        assertThat(receive.err()).contains("a code looks like 4821-amber-falcon-river");
    }
}
