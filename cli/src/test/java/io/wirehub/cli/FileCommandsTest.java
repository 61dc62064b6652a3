package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.StreamInfo;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code put}, {@code get}, {@code ls}, {@code rm} on Object Store buckets, read and written by
 * jnats' ObjectStore too; {@code send}, {@code receive} through the relay. Against an embedded
 * server with JetStream.
 */
class FileCommandsTest {
    @TempDir
    Path dir;
    Wirehub server;
    String url;

    @BeforeEach
    void start() throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0);
        builder.jetstream(builder.jetstream().withEnabled(true).withStoreDir(Files.createDirectories(dir.resolve("js"))));
        server = Wirehub.start(builder.build());
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

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256(Path file) throws Exception {
        return sha256(Files.readAllBytes(file));
    }

    private StreamInfo stream(String bucket) throws Exception {
        try (Connection nc = Nats.connect(url)) {
            return nc.jetStreamManagement().getStreamInfo("OBJ_" + bucket);
        }
    }

    @Test
    void putLsGetRm() throws Exception {
        Path original = file("notes.bin", 1_500_000);
        CommandRun put = CommandRun.of("put", "-s", url, original.toString());
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.out()).isEqualTo("SHA-256 " + sha256(original) + "  " + original + "\n");
        assertThat(put.err()).contains("Created bucket files").contains("Stored notes.bin in files (1500000 bytes)");

        CommandRun ls = CommandRun.of("ls", "-s", url);
        assertThat(ls.out()).contains("notes.bin").contains("1500000").contains(sha256(original));
        assertThat(ls.err()).contains("1 file");

        Path copy = dir.resolve("copy.bin");
        CommandRun get = CommandRun.of("get", "-s", url, "notes.bin", copy.toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo("SHA-256 " + sha256(original) + "  " + copy + "\n");
        assertThat(copy).hasSameBinaryContentAs(original);

        assertThat(CommandRun.of("rm", "-s", url, "notes.bin").exitCode()).isZero();
        assertThat(CommandRun.of("ls", "-s", url).out()).isEmpty();
        assertThat(stream("files").getStreamState().getMsgCount()).as("only the delete marker is left").isEqualTo(1);
        CommandRun missing = CommandRun.of("get", "-s", url, "notes.bin", copy.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("wirehub: notes.bin: no object named \"notes.bin\" in bucket \"files\"\n");
    }

    @Test
    void jsonViewsOfPutLsAndGet() throws Exception {
        Path original = file("data.bin", 300_000);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        CommandRun put = CommandRun.of("put", "--json", "--bucket", "docs", "-s", url, original.toString());
        assertThat(put.exitCode()).as(put.err()).isZero();
        var stored = json.readTree(put.out());
        assertThat(stored.path("bucket").asText()).isEqualTo("docs");
        assertThat(stored.path("name").asText()).isEqualTo("data.bin");
        assertThat(stored.path("size").asLong()).isEqualTo(300_000);
        assertThat(stored.path("sha256").asText()).isEqualTo(sha256(original));
        assertThat(CommandRun.of("put", "-s", url, file("other.bin", 10).toString()).exitCode()).isZero();

        var listed = json.readTree(CommandRun.of("ls", "--json", "--bucket", "docs", "-s", url).out());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("data.bin");
        assertThat(listed.get(0).path("size").asLong()).isEqualTo(300_000);
        assertThat(listed.get(0).path("sha256").asText()).isEqualTo(sha256(original));

        Path copy = dir.resolve("data-copy.bin");
        var fetched = json.readTree(CommandRun.of("get", "--json", "--bucket", "docs", "-s", url, "data.bin",
                copy.toString()).out());
        assertThat(fetched.path("path").asText()).isEqualTo(copy.toString());
        assertThat(fetched.path("sha256").asText()).isEqualTo(sha256(original));
        assertThat(copy).hasSameBinaryContentAs(original);
        assertThat(CommandRun.of("rm", "--bucket", "docs", "-s", url, "data.bin").exitCode()).isZero();
        assertThat(json.readTree(CommandRun.of("ls", "--json", "--bucket", "docs", "-s", url).out())).isEmpty();
    }

    @Test
    void wirehubPutIsAnObjectJnatsGetsAndTheOtherWayRound() throws Exception {
        Path original = file("both.bin", 1_000_003);
        assertThat(CommandRun.of("put", "-s", url, original.toString(), "dir/both.bin").exitCode()).isZero();
        try (Connection nc = Nats.connect(url)) {
            ObjectStore os = nc.objectStore("files");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ObjectInfo got = os.get("dir/both.bin", out);
            assertThat(sha256(out.toByteArray())).isEqualTo(sha256(original));
            assertThat(got.getDigest()).isEqualTo("SHA-256="
                    + Base64.getUrlEncoder().encodeToString(HexFormat.of().parseHex(sha256(original))));
            assertThat(got.getChunks()).isEqualTo(8); // 128 KiB chunks, as jnats and the Go client cut them
            assertThat(got.getObjectMeta().getObjectMetaOptions().getChunkSize()).isEqualTo(128 * 1024);

            byte[] fromJnats = new byte[700_001];
            new Random(7).nextBytes(fromJnats);
            os.put(ObjectMeta.builder("jnats.bin").chunkSize(4096).build(), new ByteArrayInputStream(fromJnats));
            byte[] small = "hello".getBytes();
            os.put("tiny.txt", small);
        }
        Path copy = dir.resolve("jnats-copy.bin");
        CommandRun get = CommandRun.of("get", "-s", url, "jnats.bin", copy.toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        byte[] expected = new byte[700_001];
        new Random(7).nextBytes(expected);
        assertThat(get.out()).isEqualTo("SHA-256 " + sha256(expected) + "  " + copy + "\n");
        assertThat(Files.readAllBytes(copy)).isEqualTo(expected);

        // No DEST: the name's last segment, in the working directory given as a directory here.
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        assertThat(CommandRun.of("get", "-s", url, "dir/both.bin", inbox.toString()).exitCode()).isZero();
        assertThat(inbox.resolve("both.bin")).hasSameBinaryContentAs(original);
        assertThat(CommandRun.of("get", "-s", url, "tiny.txt", inbox.toString()).exitCode()).isZero();
        assertThat(inbox.resolve("tiny.txt")).hasContent("hello");
    }

    @Test
    void aGetResumesFromItsPartFileAndTheDigestStillDecides() throws Exception {
        Path original = file("resume.bin", 3_000_000);
        assertThat(CommandRun.of("put", "-s", url, original.toString()).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(original);
        Path copy = dir.resolve("resume-copy.bin");
        Path part = dir.resolve("resume-copy.bin.part");

        // Ten whole chunks and a half, as a killed get leaves them: the half is cut, the rest kept.
        Files.write(part, java.util.Arrays.copyOf(bytes, 10 * 128 * 1024 + 60_000));
        CommandRun resumed = CommandRun.of("get", "-s", url, "resume.bin", copy.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(copy).hasSameBinaryContentAs(original);
        assertThat(part).doesNotExist();

        // A part file whose first chunk is wrong: kept (not fetched again), so the whole digest fails.
        byte[] wrong = java.util.Arrays.copyOf(bytes, 2 * 128 * 1024);
        wrong[5] ^= 1;
        Files.write(part, wrong);
        CommandRun failed = CommandRun.of("get", "-s", url, "resume.bin", copy.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).startsWith("wirehub: resume.bin: SHA-256 mismatch").contains("partial file was removed");
        assertThat(part).doesNotExist();
        CommandRun again = CommandRun.of("get", "-s", url, "resume.bin", copy.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(copy).hasSameBinaryContentAs(original);
    }

    @Test
    void aPutIntoAFullBucketFailsCleanlyAndASmallerOneSucceeds() throws Exception {
        Path first = file("first.bin", 200_000);
        CommandRun created = CommandRun.of("put", "--bucket", "small", "--max-bytes", "1M", "-s", url,
                first.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).contains("Created bucket small (max_bytes 1048576)");
        assertThat(stream("small").getConfiguration().getMaxBytes()).isEqualTo(1L << 20);
        long before = stream("small").getStreamState().getByteCount();

        // Refused before a byte is sent: more than the bucket has left.
        CommandRun tooBig = CommandRun.of("put", "--bucket", "small", "-s", url, file("big.bin", 2 << 20).toString());
        assertThat(tooBig.exitCode()).isEqualTo(1);
        assertThat(tooBig.err()).startsWith("wirehub: big.bin: bucket \"small\" is full: big.bin needs 2097152 bytes")
                .endsWith("nothing of big.bin was kept\n").doesNotContain("\tat ");

        // Fits by its size, not with the chunks' subjects and headers: refused by the stream mid-way,
        // its stored chunks purged.
        int almost = (int) ((1L << 20) - before - 100);
        CommandRun midway = CommandRun.of("put", "--bucket", "small", "-s", url, file("almost.bin", almost).toString());
        assertThat(midway.exitCode()).isEqualTo(1);
        assertThat(midway.err()).contains("bucket \"small\" is full").doesNotContain("\tat ");
        assertThat(stream("small").getStreamState().getByteCount()).as("nothing of it left").isEqualTo(before);

        Path second = file("second.bin", 300_000);
        CommandRun smaller = CommandRun.of("put", "--bucket", "small", "-s", url, second.toString());
        assertThat(smaller.exitCode()).as(smaller.err()).isZero();
        try (Connection nc = Nats.connect(url)) {
            ObjectStore os = nc.objectStore("small");
            assertThat(os.getList()).extracting(ObjectInfo::getObjectName).containsExactlyInAnyOrder("first.bin",
                    "second.bin");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            os.get("first.bin", out);
            assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(first));
        }
    }

    @Test
    void refusalsAreOneLineErrors() throws Exception {
        Path small = file("small.bin", 100);
        CommandRun traversal = CommandRun.of("put", "-s", url, small.toString(), "../../etc/cron.d/x");
        assertThat(traversal.exitCode()).isEqualTo(1);
        assertThat(traversal.err()).isEqualTo("wirehub: ../../etc/cron.d/x: file name must not hold a . or .. segment\n");
        CommandRun noBucket = CommandRun.of("ls", "--bucket", "nothing", "-s", url);
        assertThat(noBucket.exitCode()).isEqualTo(1);
        assertThat(noBucket.err()).isEqualTo("wirehub: no bucket named \"nothing\" (wirehub put creates it)\n");
        try (Wirehub plain = Wirehub.start()) {
            for (String verb : new String[] {"put", "get"}) {
                CommandRun noJetStream = verb.equals("put") ? CommandRun.of(verb, "-s", plain.clientUrl(), small.toString())
                        : CommandRun.of(verb, "-s", plain.clientUrl(), "small.bin", dir.resolve("out.bin").toString());
                assertThat(noJetStream.exitCode()).isEqualTo(1);
                assertThat(noJetStream.err()).contains("the server has no JetStream")
                        .endsWith("start it with JetStream on (wirehub serve -js)\n");
            }
        }
    }

    @Test
    void theRetiredFileServiceSaysWhatReplacedItWhereItWasConfigured() throws Exception {
        CommandRun flag = CommandRun.of("serve", "-p", "-1", "--store", dir.resolve("old-store").toString());
        assertThat(flag.exitCode()).isEqualTo(1);
        assertThat(flag.err()).startsWith("wirehub: --store is no longer used: wirehub put/get/ls/rm keep files in"
                + " JetStream Object Store buckets now; run serve -js");
        Path config = Files.writeString(dir.resolve("old.conf"), "port: -1\nfiles { dir: \"/var/lib/wirehub\" }\n");
        CommandRun file = CommandRun.of("serve", "-c", config.toString());
        assertThat(file.exitCode()).isEqualTo(1);
        assertThat(file.err()).contains("old.conf:2").contains("\"files\" is no longer used: wirehub put/get/ls/rm keep"
                + " files in JetStream Object Store buckets now (enable jetstream; see docs/files.md");
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
        try (Connection nc = Nats.connect(url)) {
            assertThat(nc.jetStreamManagement().getStreamNames()).as("the relay stores nothing").isEmpty();
        }
    }

    @Test
    void badCodeIsRefused() {
        CommandRun receive = CommandRun.withInput("not-a-code\n", "receive", "-s", url);
        assertThat(receive.exitCode()).isEqualTo(1);
        assertThat(receive.err()).contains("a code looks like 4821-amber-falcon-river");
    }
}
