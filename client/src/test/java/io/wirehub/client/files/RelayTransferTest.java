package io.wirehub.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.wirehub.files.FileProtocol;
import io.wirehub.server.Wirehub;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relay transfers end to end through an embedded server: encrypted, code-guarded, multi-file. */
class RelayTransferTest {
    private static final int CHUNK = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SECRET_TEXT = "TOP-SECRET-PAYLOAD-";

    @TempDir
    Path dir;
    Wirehub server;
    Connection senderConnection;
    Connection receiverConnection;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start();
        senderConnection = Nats.connect(server.clientUrl());
        receiverConnection = Nats.connect(server.clientUrl());
    }

    @AfterEach
    void stop() throws Exception {
        senderConnection.close();
        receiverConnection.close();
        server.close();
    }

    /** A folder with a nested file and a loose file whose text is easy to look for in captures. */
    private Map<String, Path> someFiles() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source/project/sub"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3 * CHUNK + 100; i++) {
            text.append(SECRET_TEXT).append(i).append('\n');
        }
        Files.writeString(source.resolve("notes-confidential.txt"), text);
        byte[] random = new byte[CHUNK + 17];
        new Random(7).nextBytes(random);
        Files.write(source.resolveSibling("data.bin"), random);
        Files.write(source.resolve("empty.txt"), new byte[0]);
        Files.writeString(dir.resolve("source/loose-secret-name.txt"), SECRET_TEXT + "loose");
        return RelayManifest.collect(List.of(dir.resolve("source/project"), dir.resolve("source/loose-secret-name.txt")));
    }

    private RelayReceiver receiver() {
        return new RelayReceiver(receiverConnection, 4, TIMEOUT, TransferProgress.NONE);
    }

    private static String otherWords(String code) {
        return code.substring(0, 5) + (code.endsWith("-oak") ? "a-b-pine" : "a-b-oak");
    }

    @Test
    void filesAndFoldersArriveUnderTheirRelativePathsAndTheCapturedStreamIsOpaque() throws Exception {
        Map<String, Path> files = someFiles();
        String code = RelayCode.generate();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        ConcurrentLinkedQueue<Message> captured = new ConcurrentLinkedQueue<>();
        List<RelayManifest> offered = new ArrayList<>();
        try (Connection spy = Nats.connect(server.clientUrl())) {
            Dispatcher spying = spy.createDispatcher(captured::add);
            spying.subscribe(">");
            spy.flush(TIMEOUT);
            try (RelaySender sender = new RelaySender(senderConnection, files, code, CHUNK, TransferProgress.NONE)) {
                RelayManifest manifest = sender.start();
                Optional<RelayManifest> received = receiver().receive(code, inbox, m -> offered.add(m));
                assertThat(received).contains(manifest);
                assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.DELIVERED);
            }
            spy.flush(TIMEOUT);
        }
        assertThat(offered.getFirst().entries()).extracting(RelayManifest.Entry::path).containsExactly(
                "project/data.bin", "project/sub/empty.txt", "project/sub/notes-confidential.txt",
                "loose-secret-name.txt");
        for (Map.Entry<String, Path> file : files.entrySet()) {
            assertThat(inbox.resolve(file.getKey())).hasSameBinaryContentAs(file.getValue());
        }
        try (Stream<Path> all = Files.walk(inbox)) {
            assertThat(all.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }

        // What crossed the server: neither names, nor text, nor a slice of the random file.
        assertThat(captured).hasSizeGreaterThan(10);
        byte[] randomSlice = java.util.Arrays.copyOfRange(Files.readAllBytes(files.get("project/data.bin")), 100, 132);
        List<byte[]> sealedChunks = new ArrayList<>();
        for (Message message : captured) {
            String everything = message.getSubject() + " " + headers(message.getHeaders()) + " "
                    + new String(message.getData(), StandardCharsets.ISO_8859_1);
            assertThat(everything).doesNotContain(SECRET_TEXT, "secret-name", "confidential", "data.bin", "project");
            assertThat(indexOf(message.getData(), randomSlice)).isNegative();
            if (message.getData().length >= CHUNK) {
                sealedChunks.add(message.getData());
            }
        }
        // Without the key nothing opens: not with a key from another code, nor from zeros.
        assertThat(sealedChunks).isNotEmpty();
        RelaySeal guess = RelaySeal.derive(new byte[32], "0".repeat(32), false);
        RelayManifest.Entry any = new RelayManifest.Entry("project/data.bin", CHUNK + 17, "00".repeat(32));
        for (byte[] sealed : sealedChunks) {
            assertThatThrownBy(() -> guess.open(1, 0, sealed, RelaySeal.chunkData(0, 0, any), "chunk"))
                    .isInstanceOf(FileTransferException.class);
        }
    }

    @Test
    void withOneTryAWrongCodeFailsBothSidesAndBurnsTheCode() throws Exception {
        String code = RelayCode.generate();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        try (RelaySender sender = new RelaySender(senderConnection, Map.of("a.txt", file), code, CHUNK, 1,
                TransferProgress.NONE)) {
            sender.start();
            assertThatThrownBy(() -> receiver().receive(otherWords(code), inbox, m -> true))
                    .hasMessage("wrong code: the sender has stopped and this code is burned; ask for a new one");
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.BURNED);
            assertThatThrownBy(() -> receiver().receive(code, inbox, m -> true))
                    .hasMessageContaining("no longer valid");
        }
        try (Stream<Path> all = Files.list(inbox)) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void withMoreTriesAWrongCodeFailsAndTheRightOneStillWorks() throws Exception {
        String code = RelayCode.generate();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        try (RelaySender sender = new RelaySender(senderConnection, Map.of("a.txt", file), code, CHUNK, 3,
                TransferProgress.NONE)) {
            sender.start();
            assertThatThrownBy(() -> receiver().receive(otherWords(code), inbox, m -> true))
                    .hasMessageContaining("wrong code (2 tries left");
            assertThat(sender.awaitDone(Duration.ZERO)).isNull();
            assertThat(receiver().receive(code, inbox, m -> true)).isPresent();
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.DELIVERED);
        }
        assertThat(inbox.resolve("a.txt")).hasContent("hello");
    }

    @Test
    void threeWrongCodesBurnACodeByDefault() throws Exception {
        String code = RelayCode.generate();
        String wrong = otherWords(code);
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        try (RelaySender sender = new RelaySender(senderConnection, file, code, CHUNK, TransferProgress.NONE)) {
            sender.start();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> receiver().receive(wrong, inbox, m -> true))
                        .hasMessageContaining("left before the sender burns it");
            }
            assertThatThrownBy(() -> receiver().receive(wrong, inbox, m -> true))
                    .hasMessageContaining("this code is burned");
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.BURNED);
            assertThatThrownBy(() -> receiver().receive(code, inbox, m -> true))
                    .hasMessageContaining("no longer valid");
        }
        try (Stream<Path> all = Files.list(inbox)) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void anExistingFileIsNotReplacedUnlessAskedAndTheSenderHearsWhy() throws Exception {
        String code = RelayCode.generate();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("a.txt"), "mine");
        Path file = Files.writeString(dir.resolve("a.txt"), "theirs");
        AtomicBoolean asked = new AtomicBoolean();
        try (RelaySender sender = new RelaySender(senderConnection, file, code, CHUNK, TransferProgress.NONE)) {
            sender.start();
            assertThatThrownBy(() -> receiver().receive(code, inbox, m -> asked.getAndSet(true) || true))
                    .hasMessage("a.txt already exists (--overwrite to replace it); nothing was written");
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.DECLINED);
            assertThat(sender.declineReason()).isEqualTo("a.txt already exists (--overwrite to replace it)");
        }
        assertThat(asked).as("refused before asking").isFalse();
        assertThat(inbox.resolve("a.txt")).hasContent("mine");
        String again = RelayCode.generate();
        try (RelaySender sender = new RelaySender(senderConnection, file, again, CHUNK, TransferProgress.NONE)) {
            sender.start();
            assertThat(receiver().overwrite(true).receive(again, inbox, m -> true)).isPresent();
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.DELIVERED);
        }
        assertThat(inbox.resolve("a.txt")).hasContent("theirs");
    }

    @Test
    void aSymbolicLinkOnTheWayIsNotFollowed() throws Exception {
        Map<String, Path> files = someFiles();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.createSymbolicLink(inbox.resolve("project"), elsewhere);
        String code = RelayCode.generate();
        try (RelaySender sender = new RelaySender(senderConnection, files, code, CHUNK, TransferProgress.NONE)) {
            sender.start();
            assertThatThrownBy(() -> receiver().receive(code, inbox, m -> true))
                    .hasMessageContaining("project is a symbolic link");
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.DECLINED);
        }
        try (Stream<Path> all = Files.walk(elsewhere)) {
            assertThat(all.filter(p -> !p.equals(elsewhere))).isEmpty();
        }
    }

    @Test
    void aPartFileLeftByAKilledReceiveIsResumed() throws Exception {
        Map<String, Path> files = someFiles();
        Path notes = files.get("project/sub/notes-confidential.txt");
        Path inbox = Files.createDirectories(dir.resolve("inbox/project/sub"));
        // What a receive killed after two chunks leaves; the third chunk's half is cut back to whole chunks.
        byte[] kept = java.util.Arrays.copyOf(Files.readAllBytes(notes), 2 * CHUNK + CHUNK / 2);
        Path part = Files.write(inbox.resolve("notes-confidential.txt.part"), kept);
        String code = RelayCode.generate();
        try (RelaySender sender = new RelaySender(senderConnection, files, code, CHUNK, TransferProgress.NONE)) {
            sender.start();
            assertThat(receiver().receive(code, dir.resolve("inbox"), m -> true)).isPresent();
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.DELIVERED);
            long chunkBytes = files.values().stream().mapToLong(p -> p.toFile().length()).sum();
            assertThat(sender.servedBytes()).as("two chunks not fetched again").isEqualTo(chunkBytes - 2L * CHUNK);
        }
        assertThat(inbox.resolve("notes-confidential.txt")).hasSameBinaryContentAs(notes);
        assertThat(part).doesNotExist();
    }

    @Test
    void aStalePartFileFailsTheDigestAndIsRemoved() throws Exception {
        Path file = Files.write(dir.resolve("a.bin"), new byte[2 * CHUNK]);
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        byte[] stale = new byte[CHUNK];
        java.util.Arrays.fill(stale, (byte) 1);
        Path part = Files.write(inbox.resolve("a.bin.part"), stale);
        String code = RelayCode.generate();
        try (RelaySender sender = new RelaySender(senderConnection, file, code, CHUNK, TransferProgress.NONE)) {
            sender.start();
            assertThatThrownBy(() -> receiver().receive(code, inbox, m -> true))
                    .hasMessageContaining("a stale part file? it was removed");
        }
        assertThat(part).doesNotExist();
        assertThat(inbox.resolve("a.bin")).doesNotExist();
    }

    @Test
    void aChunkTamperedWithOnTheWayIsDetectedAndNothingIsWritten() throws Exception {
        Map<String, Path> files = someFiles();
        String code = RelayCode.generate();
        // The receiver meets at another number; the man in the middle relays it to the sender's.
        String receiverCode = (code.startsWith("9") ? "1" : "9") + code.substring(1);
        String theirs = FileProtocol.RELAY + RelayCode.channel(receiverCode) + ".";
        String senders = FileProtocol.RELAY + RelayCode.channel(code) + ".";
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        AtomicBoolean flipped = new AtomicBoolean();
        try (Connection mitm = Nats.connect(server.clientUrl());
             RelaySender sender = new RelaySender(senderConnection, files, code, CHUNK, TransferProgress.NONE)) {
            sender.start();
            Dispatcher relay = mitm.createDispatcher(request -> {
                try {
                    Message answer = mitm.request(senders + request.getSubject().substring(theirs.length()),
                            request.getData(), TIMEOUT);
                    byte[] data = answer.getData().clone();
                    if (request.getSubject().endsWith(".READ") && data.length > 40 && flipped.compareAndSet(false, true)) {
                        data[data.length / 2] ^= 0x01;
                    }
                    mitm.publish(request.getReplyTo(), answer.getHeaders(), data);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            relay.subscribe(theirs + ">");
            mitm.flush(TIMEOUT);
            assertThatThrownBy(() -> receiver().receive(receiverCode, inbox, m -> true))
                    .hasMessageContaining("failed authentication");
            assertThat(flipped).isTrue();
        }
        try (Stream<Path> all = Files.walk(inbox)) {
            assertThat(all.filter(p -> !p.equals(inbox))).isEmpty();
        }
    }

    @Test
    void aDeclinedTransferWritesNothingAndTheSenderHearsIt() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        String code = RelayCode.generate();
        try (RelaySender sender = new RelaySender(senderConnection, someFiles(), code, CHUNK, TransferProgress.NONE)) {
            sender.start();
            assertThat(receiver().receive(code, inbox, m -> false)).isEmpty();
            assertThat(sender.awaitDone(TIMEOUT)).isEqualTo(RelaySender.Outcome.DECLINED);
        }
        try (Stream<Path> all = Files.list(inbox)) {
            assertThat(all).isEmpty();
        }
        assertThatThrownBy(() -> receiver().receive(RelayCode.generate(), inbox, m -> true))
                .hasMessageContaining("no sender is waiting");
    }

    @Test
    void aFolderIsSentWithoutTheSymbolicLinksInIt() throws Exception {
        Path secret = Files.writeString(dir.resolve("id_rsa"), "private key");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("a.txt"), "a");
        Files.createSymbolicLink(folder.resolve("key"), secret);
        Files.createSymbolicLink(folder.resolve("up"), dir);
        assertThat(RelayManifest.collect(List.of(folder))).containsOnlyKeys("folder/a.txt");
    }

    private static String headers(Headers headers) {
        return headers == null ? "" : headers.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
