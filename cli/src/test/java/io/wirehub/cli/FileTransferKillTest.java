package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StreamState;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirehub put} (into an Object Store bucket) and {@code wirehub receive} killed with SIGKILL
 * mid-transfer (a real process, nothing flushed or cleaned up), then run again: each resumes from
 * what was stored or verified and ends with a file identical to the source.
 */
class FileTransferKillTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SIZE = 192 * 1024 * 1024;

    @TempDir
    Path dir;
    private static final int CHUNK = 128 * 1024;
    Wirehub server;
    Path source;

    @BeforeEach
    void start() throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0);
        builder.jetstream(builder.jetstream().withEnabled(true).withStoreDir(Files.createDirectories(dir.resolve("js"))));
        server = Wirehub.start(builder.build());
        source = dir.resolve("big.bin");
        Random random = new Random(3);
        byte[] block = new byte[1 << 20];
        try (FileChannel out = FileChannel.open(source, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int i = 0; i < SIZE / block.length; i++) {
                random.nextBytes(block);
                out.write(ByteBuffer.wrap(block));
            }
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The command as its own JVM, slowed to one chunk in flight so it can be caught mid-way. */
    private Process launch(String... args) throws Exception {
        return launchWithCode(null, args);
    }

    /** @param code given as WIREHUB_RELAY_CODE, when not null */
    private Process launchWithCode(String code, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile());
        if (code != null) {
            builder.environment().put("WIREHUB_RELAY_CODE", code);
        }
        return builder.start();
    }

    private static long size(Path directory, String glob) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The bucket's stream state, or null before the put created it. */
    private static StreamState bucket(Connection nc) {
        try {
            return nc.jetStreamManagement().getStreamInfo("OBJ_files").getStreamState();
        } catch (JetStreamApiException e) {
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aKilledUploadResumesFromTheChunksStoredAndSendsOnlyTheRest() throws Exception {
        long chunks = SIZE / CHUNK;
        try (Connection nc = Nats.connect(server.clientUrl())) {
            Process put = launch("put", "-s", server.clientUrl(), "--window", "1", "--no-progress", source.toString());
            Await.until(WAIT, () -> {
                StreamState state = bucket(nc);
                return state != null && state.getByteCount() > 8L << 20;
            }, "part of the upload stored");
            put.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            StreamState killed = bucket(nc);
            long storedAtKill = killed.getMsgCount();
            assertThat(storedAtKill).as("killed mid-way").isBetween(64L, chunks - 1);
            assertThat(nc.objectStore("files").getInfo("big.bin")).as("no meta: not visible").isNull();

            CommandRun again = CommandRun.of("put", "-s", server.clientUrl(), source.toString());
            assertThat(again.exitCode()).as(again.err()).isZero();
            StreamState done = bucket(nc);
            long publishedByRerun = done.getLastSequence() - killed.getLastSequence();
            // A fresh put publishes every chunk and the meta; this one only what the killed run did not store.
            assertThat(publishedByRerun).isLessThanOrEqualTo(chunks - storedAtKill + 1).isLessThan(chunks + 1);
            assertThat(done.getMsgCount()).as("the object's chunks and its meta, nothing else").isEqualTo(chunks + 1);

            MessageDigest got = MessageDigest.getInstance("SHA-256");
            try (DigestOutputStream out = new DigestOutputStream(java.io.OutputStream.nullOutputStream(), got)) {
                nc.objectStore("files").get("big.bin", out);
            }
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            expected.update(Files.readAllBytes(source));
            assertThat(got.digest()).as("jnats reads the resumed object whole").isEqualTo(expected.digest());
        }
    }

    @Test
    void aKilledReceiveResumesToAVerifiedFile() throws Exception {
        String code = "7777-cedar-otter-quartz";
        int serversOwn = server.router().index().count();
        Path codeFile = Files.writeString(dir.resolve("code.txt"), code);
        CompletableFuture<CommandRun> send = CommandRun.inBackground("send", "-s", server.clientUrl(), "--code-file",
                codeFile.toString(), "--wait", "60s", source.toString());
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        // The sender's subscription is the only client subscription on this server (the server's own
        // system imports are there from the start): once it is there, it serves.
        Await.until(WAIT, () -> server.router().index().count() > serversOwn, "sender registered");
        Process receive = launchWithCode(code, "receive", "-s", server.clientUrl(), "--window", "1", "--no-progress", "--yes",
                "-o", inbox.toString());
        Await.until(WAIT, () -> size(inbox, "big.bin.part") > 8 * 1024 * 1024, "part of the file received");
        receive.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(size(inbox, "big.bin.part")).isLessThan(SIZE);
        assertThat(inbox.resolve("big.bin")).doesNotExist();

        CommandRun again = CommandRun.withInput(code + "\n", "receive", "-s", server.clientUrl(), "--yes", "-o",
                inbox.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(inbox.resolve("big.bin")).hasSameBinaryContentAs(source);
        assertThat(send.get(30, TimeUnit.SECONDS).exitCode()).isZero();
    }
}
