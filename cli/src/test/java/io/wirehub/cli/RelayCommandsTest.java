package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirehub send} and {@code wirehub receive} through an embedded server, as users run them. */
class RelayCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CODE = "4821-amber-falcon-river";

    @TempDir
    Path dir;
    Wirehub server;
    String url;
    int serversOwn;
    Path inbox;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start();
        url = server.clientUrl();
        serversOwn = server.router().index().count();
        inbox = dir.resolve("inbox");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path file(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.createDirectories(dir.resolve(name).getParent());
        return Files.write(dir.resolve(name), bytes);
    }

    private Path codeFile(String code) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "code", ".txt"), code + "\n");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Starts {@code send} with the code in a file, and returns once it serves (its subscription is there). */
    private CompletableFuture<CommandRun> send(String code, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("send", "-s", url, "--wait", "30s", "--code-file",
                codeFile(code).toString()));
        args.addAll(List.of(more));
        CompletableFuture<CommandRun> send = CommandRun.inBackground(args.toArray(String[]::new));
        Await.until(WAIT, () -> send.isDone() || server.router().index().count() > serversOwn, "sender serving");
        return send;
    }

    private CommandRun receive(String stdin, String... more) {
        List<String> args = new ArrayList<>(List.of("receive", "-s", url, "-o", inbox.toString()));
        args.addAll(List.of(more));
        return CommandRun.withInput(stdin, args.toArray(String[]::new));
    }

    private long filesIn(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void theRightCodeDeliversAFolderAndBothSidesPrintTheDigests() throws Exception {
        Path photo = file("album/photo.raw", 1_200_000);
        Path caption = file("album/text/caption.txt", 300);
        CompletableFuture<CommandRun> send = send(CODE, dir.resolve("album").toString());
        CommandRun received = receive("", "--code-file", codeFile(CODE).toString(), "--yes");
        assertThat(received.exitCode()).as(received.err()).isZero();
        String expected = "SHA-256 " + sha256(photo) + "  album/photo.raw\n"
                + "SHA-256 " + sha256(caption) + "  album/text/caption.txt\n";
        assertThat(received.out()).isEqualTo(expected);
        assertThat(received.err()).contains("The sender offers 2 file(s), 1200300 bytes in all")
                .contains("  album/photo.raw  (1200000 bytes)").contains("decrypted and verified");
        assertThat(inbox.resolve("album/photo.raw")).hasSameBinaryContentAs(photo);
        assertThat(inbox.resolve("album/text/caption.txt")).hasSameBinaryContentAs(caption);
        CommandRun sent = send.get(10, TimeUnit.SECONDS);
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).isEqualTo(CODE + "\n" + expected);
        assertThat(sent.err()).contains("verified by the receiver");
    }

    @Test
    void jsonOutputOnBothSides() throws Exception {
        Path notes = file("notes.txt", 5000);
        CompletableFuture<CommandRun> send = send(CODE, "--json", notes.toString());
        CommandRun received = receive(CODE + "\n", "--yes", "--json");
        assertThat(received.exitCode()).as(received.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode got = json.readTree(received.out());
        assertThat(got.get("outcome").asText()).isEqualTo("received");
        assertThat(got.get("directory").asText()).isEqualTo(inbox.toAbsolutePath().toString());
        assertThat(got.get("bytes").asLong()).isEqualTo(5000);
        assertThat(got.get("files").get(0).get("path").asText()).isEqualTo("notes.txt");
        assertThat(got.get("files").get(0).get("sha256").asText()).isEqualTo(sha256(notes));
        String[] lines = send.get(10, TimeUnit.SECONDS).out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(json.readTree(lines[0]).get("code").asText()).isEqualTo(CODE);
        assertThat(json.readTree(lines[1]).get("outcome").asText()).isEqualTo("delivered");
        assertThat(json.readTree(lines[1]).get("files").get(0).get("sha256").asText()).isEqualTo(sha256(notes));
    }

    @Test
    void withOneTryAWrongCodeFailsBothSidesAndWritesNothing() throws Exception {
        Path notes = file("notes.txt", 5000);
        CompletableFuture<CommandRun> send = send(CODE, "--tries", "1", notes.toString());
        CommandRun received = receive("4821-amber-falcon-raven\n", "--yes");
        assertThat(received.exitCode()).isEqualTo(1);
        assertThat(received.err()).isEqualTo(
                "wirehub: wrong code: the sender has stopped and this code is burned; ask for a new one\n");
        CommandRun sent = send.get(10, TimeUnit.SECONDS);
        assertThat(sent.exitCode()).isEqualTo(1);
        assertThat(sent.err()).endsWith("wirehub: a receiver used a wrong code: the code is burned and nothing was"
                + " sent; run send again for a new code\n");
        assertThat(filesIn(inbox)).isZero();
    }

    @Test
    void withTwoTriesTheSenderIsToldOfAWrongCodeAndTheRightOneStillWorks() throws Exception {
        Path notes = file("notes.txt", 5000);
        CompletableFuture<CommandRun> send = send(CODE, "--tries", "2", notes.toString());
        CommandRun wrong = receive("4821-amber-falcon-raven\n", "--yes");
        assertThat(wrong.err()).isEqualTo("wirehub: wrong code (1 try left before the sender burns it)\n");
        assertThat(send).isNotDone();
        CommandRun right = receive(CODE + "\n", "--yes");
        assertThat(right.exitCode()).as(right.err()).isZero();
        CommandRun sent = send.get(10, TimeUnit.SECONDS);
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.err()).contains("A receiver used a wrong code (1 try left before the code is burned)");
        assertThat(inbox.resolve("notes.txt")).hasSameBinaryContentAs(notes);
    }

    @Test
    void aCodeFileOthersCanReadIsUsedWithAWarning() throws Exception {
        Path notes = file("notes.txt", 5000);
        CompletableFuture<CommandRun> send = send(CODE, notes.toString());
        Path shared = Files.writeString(dir.resolve("shared-code.txt"), CODE);
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CommandRun received = receive("", "--yes", "--code-file", shared.toString());
        assertThat(received.exitCode()).as(received.err()).isZero();
        assertThat(received.err()).startsWith("warning: " + shared + " is readable by other users, who could use"
                + " the code first (chmod 600 it)\n");
        assertThat(send.get(10, TimeUnit.SECONDS).exitCode()).isZero();
    }

    @Test
    void aCodeOnTheCommandLineIsRefusedWithTheWayOut() throws Exception {
        CommandRun received = CommandRun.of("receive", "-s", url, CODE);
        assertThat(received.exitCode()).isEqualTo(1);
        assertThat(received.err()).isEqualTo("wirehub: not taking the code from the command line, where other users"
                + " of this machine can read it (ps); type it when asked, pipe it on stdin, use --code-file FILE,"
                + " or set WIREHUB_RELAY_CODE\n");
        CommandRun sent = CommandRun.of("send", "-s", url, "--code", CODE, file("a.txt", 10).toString());
        assertThat(sent.exitCode()).isEqualTo(1);
        assertThat(sent.err()).isEqualTo("wirehub: not taking the code from the command line, where other users"
                + " of this machine can read it (ps); use --code-file FILE, or set WIREHUB_RELAY_CODE\n");
        assertThat(sent.out()).isEmpty();
        CommandRun malformed = receive("not-a-code\n");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).contains("a code looks like 4821-amber-falcon-river");
    }

    @Test
    void theReceiverConfirmsOnStdinAndNoMeansNothingWritten() throws Exception {
        Path notes = file("notes.txt", 5000);
        CompletableFuture<CommandRun> declinedSend = send(CODE, notes.toString());
        CommandRun no = receive(CODE + "\nn\n");
        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.err()).contains("  notes.txt  (5000 bytes)").endsWith("wirehub: declined; nothing was written\n");
        assertThat(declinedSend.get(10, TimeUnit.SECONDS).err())
                .endsWith("wirehub: the receiver declined; nothing was sent\n");
        assertThat(filesIn(inbox)).isZero();

        String second = "4822-amber-falcon-river";
        CompletableFuture<CommandRun> unanswered = send(second, notes.toString());
        CommandRun silent = receive(second + "\n");
        assertThat(silent.err()).endsWith("wirehub: declined: no answer on stdin; run with --yes to accept without"
                + " asking; nothing was written\n");
        assertThat(unanswered.get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(1);
        assertThat(filesIn(inbox)).isZero();

        String third = "4823-amber-falcon-river";
        CompletableFuture<CommandRun> accepted = send(third, notes.toString());
        CommandRun yes = receive(third + "\ny\n");
        assertThat(yes.exitCode()).as(yes.err()).isZero();
        assertThat(inbox.resolve("notes.txt")).hasSameBinaryContentAs(notes);
        assertThat(accepted.get(10, TimeUnit.SECONDS).exitCode()).isZero();
    }

    @Test
    void anExistingFileIsKeptUnlessOverwrite() throws Exception {
        Path notes = file("notes.txt", 5000);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("notes.txt"), "mine");
        CompletableFuture<CommandRun> send = send(CODE, notes.toString());
        CommandRun kept = receive(CODE + "\n", "--yes");
        assertThat(kept.err()).endsWith("wirehub: notes.txt already exists (--overwrite to replace it);"
                + " nothing was written\n");
        assertThat(send.get(10, TimeUnit.SECONDS).err()).endsWith("wirehub: the receiver refused: notes.txt already"
                + " exists (--overwrite to replace it); nothing was sent\n");
        assertThat(inbox.resolve("notes.txt")).hasContent("mine");

        String again = "4822-amber-falcon-river";
        CompletableFuture<CommandRun> resend = send(again, notes.toString());
        CommandRun replaced = receive(again + "\n", "--yes", "--overwrite");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.err()).contains("notes.txt  (5000 bytes)  replaces an existing file");
        assertThat(inbox.resolve("notes.txt")).hasSameBinaryContentAs(notes);
        assertThat(resend.get(10, TimeUnit.SECONDS).exitCode()).isZero();
    }

    /** Separate processes: the code the sender prints, given to the receiver by WIREHUB_RELAY_CODE. */
    @Test
    void theCodeTheSenderShowsWorksFromTheEnvironment() throws Exception {
        Path notes = file("notes.txt", 70_000);
        Process send = launch(List.of("send", "-s", url, "--no-progress", notes.toString()), null);
        String shown;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(send.getInputStream(),
                StandardCharsets.UTF_8))) {
            shown = out.readLine();
            assertThat(shown).matches("\\d{4}-[a-z]+-[a-z]+-[a-z]+");
            Process receive = launch(List.of("receive", "-s", url, "--yes", "--no-progress", "-o", inbox.toString()),
                    shown);
            assertThat(receive.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String said = new String(receive.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(receive.exitValue()).as(said).isZero();
            assertThat(said).contains("SHA-256 " + sha256(notes) + "  notes.txt");
            assertThat(send.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(send.exitValue()).isZero();
            assertThat(out.readLine()).isEqualTo("SHA-256 " + sha256(notes) + "  notes.txt");
        } finally {
            send.destroyForcibly();
        }
        assertThat(inbox.resolve("notes.txt")).hasSameBinaryContentAs(notes);
    }

    private Process launch(List<String> args, String code) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("WIREHUB_RELAY_CODE");
        if (code != null) {
            builder.environment().put("WIREHUB_RELAY_CODE", code);
            builder.redirectErrorStream(true);
        }
        return builder.start();
    }
}
