package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The receiving side of a relay transfer ({@code wirehub receive}): runs the J-PAKE exchange with
 * the sender (key confirmation both ways before any file byte moves), gets the encrypted list of
 * files, checks every target (inside the directory, not through a symbolic link, not an existing
 * file unless {@link #overwrite}), asks {@link Confirmation} before writing, then fetches
 * encrypted chunks (a window of them in flight) into {@code PATH.part} files. A chunk whose tag
 * fails (tampered, replayed, misplaced) ends the transfer; every part file (and directory) it made
 * is removed, and only when all files are verified are they renamed into place, so a failed
 * transfer writes nothing. A receive that is killed leaves its part files, and the next one
 * resumes from them (the digests in the encrypted list check the result).
 *
 * <p>Not thread-safe: one transfer per call, on the caller's thread.
 */
public final class RelayReceiver {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection nc;
    private final int window;
    private final Duration timeout;
    private final TransferProgress progress;
    private boolean overwrite;

    /** Decides, from the list of files and their total size, whether to write them. */
    @FunctionalInterface
    public interface Confirmation {
        boolean accept(RelayManifest offered) throws IOException;
    }

    public RelayReceiver(Connection nc, int window, Duration timeout, TransferProgress progress) {
        this.nc = nc;
        this.window = Math.max(1, window);
        this.timeout = timeout;
        this.progress = progress;
    }

    /** Whether an offered file may replace an existing one (by default such a transfer is refused). */
    public RelayReceiver overwrite(boolean replace) {
        this.overwrite = replace;
        return this;
    }

    /**
     * @return what was received into {@code directory}; empty when {@code confirmation} declined
     * @throws FileTransferException for a wrong code, a burned code, a tampered chunk, no sender, or
     *     a file that may not be written (the sender is told it was declined, and why)
     */
    public Optional<RelayManifest> receive(String code, Path directory, Confirmation confirmation) throws IOException {
        String checked = RelayCode.check(code);
        String session = HexFormat.of().formatHex(random16());
        String prefix = FileProtocol.RELAY + RelayCode.channel(checked) + "." + session + ".";
        RelayPake pake = new RelayPake(RelayPake.RECEIVER, RelayCode.secret(checked));
        pake.acceptRound1(call(prefix + "R1", pake.round1(), "no sender is waiting for this code (is `wirehub send` still running?)"));
        pake.acceptRound2(call(prefix + "R2", pake.round2(), "the sender went away"));
        if (!pake.acceptRound3(call(prefix + "R3", pake.round3(), "the sender went away"))) {
            throw new FileTransferException("wrong code: the sender could not prove it knows the code");
        }
        RelaySeal seal = RelaySeal.derive(pake.secret(), session, false);
        RelayManifest manifest = RelayManifest.parse(seal.open(0, RelaySeal.MANIFEST,
                call(prefix + "LIST", new byte[0], "the sender went away"),
                RelaySeal.controlData("manifest", session), "the list of files"));
        Writer writer = new Writer(directory, prefix, seal, manifest);
        String refused = writer.plan();
        if (refused != null) {
            report(prefix, seal, session, false, List.of(), refused);
            throw new FileTransferException(refused + "; nothing was written");
        }
        if (!confirmation.accept(manifest)) {
            report(prefix, seal, session, false, List.of(), "declined");
            return Optional.empty();
        }
        List<String> digests = writer.writeAll();
        report(prefix, seal, session, true, digests, null);
        return Optional.of(manifest);
    }

    private static byte[] random16() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void report(String prefix, RelaySeal seal, String session, boolean accepted, List<String> digests,
            String reason) throws FileTransferException {
        Map<String, JsonValue> json = new LinkedHashMap<>();
        json.put("accepted", new JsonValue(accepted));
        if (reason != null) {
            json.put("reason", new JsonValue(reason));
        }
        json.put("sha256", new JsonValue(digests.stream().map(JsonValue::new).toList()));
        byte[] sealed = seal.seal(0, RelaySeal.DONE, new JsonValue(json).toJson().getBytes(StandardCharsets.UTF_8),
                RelaySeal.controlData("done", session));
        call(prefix + "DONE", sealed, "the sender went away before the transfer was confirmed");
    }

    private byte[] call(String subject, byte[] body, String nobody) throws FileTransferException {
        return await(Requests.send(nc, subject, null, body, timeout), nobody).getData();
    }

    private Message await(CompletableFuture<Message> reply, String nobody) throws FileTransferException {
        try {
            return Requests.await(reply, timeout);
        } catch (Requests.Unanswered e) {
            throw new FileTransferException(e.failure == Requests.Failure.NO_RESPONDERS ? nobody
                    : "the sender did not answer within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Writes one transfer's files; remembers what it made so a failure can take it all back. Every
     * target is checked before the first byte is written (see {@link #plan}).
     */
    private final class Writer {
        private final Path directory;
        private final String prefix;
        private final RelaySeal seal;
        private final RelayManifest manifest;
        private final List<Path> targets = new ArrayList<>();
        private final List<Path> madeDirectories = new ArrayList<>();
        private final List<Path> parts = new ArrayList<>();
        private long received;

        Writer(Path directory, String prefix, RelaySeal seal, RelayManifest manifest) {
            this.directory = directory.toAbsolutePath().normalize();
            this.prefix = prefix;
            this.seal = seal;
            this.manifest = manifest;
        }

        /**
         * Where each file goes, or why it may not: a path outside the directory, one through a
         * symbolic link (which could lead anywhere), an existing file without {@link #overwrite},
         * or a part file ({@code PATH.part}) that would be another offered file.
         *
         * @return the problem; null when every file may be written
         */
        String plan() throws IOException {
            Set<Path> all = new HashSet<>();
            for (RelayManifest.Entry entry : manifest.entries()) {
                Path target = directory.resolve(entry.path()).normalize();
                if (!target.startsWith(directory) || target.equals(directory)) {
                    return "unsafe path " + entry.path();
                }
                for (Path p = target; !p.equals(directory); p = p.getParent()) {
                    if (Files.isSymbolicLink(p)) {
                        return entry.path() + ": " + directory.relativize(p) + " is a symbolic link, which could lead"
                                + " outside the target directory";
                    }
                }
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        return entry.path() + " is a directory here";
                    }
                    if (!overwrite) {
                        return entry.path() + " already exists (--overwrite to replace it)";
                    }
                }
                targets.add(target);
                all.add(target);
            }
            for (Path target : targets) {
                if (all.contains(partOf(target))) {
                    return "the sender offers both " + directory.relativize(target) + " and its part file";
                }
            }
            return null;
        }

        List<String> writeAll() throws IOException {
            List<String> digests = new ArrayList<>();
            progress.start("receiving", manifest.totalSize());
            try {
                for (int file = 0; file < manifest.entries().size(); file++) {
                    Path target = targets.get(file);
                    makeDirectories(target.getParent());
                    Path part = partOf(target);
                    parts.add(part);
                    digests.add(writeFile(file, manifest.entries().get(file), part));
                }
                for (int i = 0; i < targets.size(); i++) {
                    move(parts.get(i), targets.get(i));
                }
            } catch (IOException | RuntimeException e) {
                takeBack();
                throw e;
            } finally {
                progress.finish();
            }
            return digests;
        }

        /**
         * Fetches one file into its part file. A part file left by a killed receive is kept up to its
         * last whole chunk and hashed, and only the rest is fetched; the file's digest, which the
         * encrypted list of files fixed, is checked over the whole.
         */
        private String writeFile(int file, RelayManifest.Entry entry, Path part) throws IOException {
            int chunkSize = manifest.chunkSize();
            long chunks = (entry.size() + chunkSize - 1) / chunkSize;
            MessageDigest digest = Sha256.digest();
            Deque<CompletableFuture<Message>> inFlight = new ArrayDeque<>();
            long kept;
            // NOFOLLOW_LINKS: a part file that is a symbolic link is refused, never written through.
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                kept = Math.min(out.size() / chunkSize * chunkSize, entry.size());
                out.truncate(kept);
                Sha256.update(digest, part, kept, TransferProgress.NONE);
                received += kept;
                progress.advanceTo(received);
                long next = kept / chunkSize;
                for (long index = next; index < chunks; index++) {
                    while (next < chunks && inFlight.size() < window) {
                        byte[] request = ("{\"file\":" + file + ",\"index\":" + next + "}").getBytes(StandardCharsets.UTF_8);
                        inFlight.add(Requests.send(nc, prefix + "READ", null, request, timeout));
                        next++;
                    }
                    Message reply = await(inFlight.removeFirst(), "the sender went away");
                    byte[] plain = seal.open(file + 1, index, reply.getData(), RelaySeal.chunkData(file, index, entry),
                            "chunk " + index + " of " + entry.path());
                    long position = index * chunkSize;
                    if (plain.length != Math.min(chunkSize, entry.size() - position)) {
                        throw new FileTransferException("chunk " + index + " of " + entry.path() + " has a wrong length");
                    }
                    digest.update(plain);
                    ByteBuffer buffer = ByteBuffer.wrap(plain);
                    while (buffer.hasRemaining()) {
                        out.write(buffer, position + buffer.position());
                    }
                    received += plain.length;
                    progress.advanceTo(received);
                }
                out.force(true);
            } finally {
                inFlight.forEach(f -> f.cancel(true));
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!sha256.equals(entry.sha256())) {
                throw new FileTransferException(entry.path() + ": SHA-256 " + sha256 + ", the sender announced "
                        + entry.sha256() + (kept > 0 ? " (a stale part file? it was removed: run receive again)"
                        : " (did the file change while it was sent?); nothing was written"));
            }
            return sha256;
        }

        private void makeDirectories(Path dir) throws IOException {
            List<Path> missing = new ArrayList<>();
            for (Path d = dir; d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
                missing.addFirst(d);
            }
            for (Path d : missing) {
                Files.createDirectory(d);
                madeDirectories.add(d);
            }
        }

        /** Without --overwrite the move itself refuses to replace a file that appeared meanwhile. */
        private void move(Path part, Path target) throws IOException {
            CopyOption[] options = overwrite
                    ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE}
                    : new CopyOption[] {StandardCopyOption.ATOMIC_MOVE};
            try {
                Files.move(part, target, options);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, overwrite ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING}
                        : new CopyOption[0]);
            } catch (FileAlreadyExistsException e) {
                throw new FileTransferException(directory.relativize(target) + " appeared while receiving;"
                        + " not replaced (--overwrite to replace it)");
            }
        }

        /** Removes every part file and directory this transfer made (deepest directory first). */
        private void takeBack() {
            for (Path part : parts) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // best effort: the failure being reported matters more
                }
            }
            for (Path d : madeDirectories.reversed()) {
                try {
                    Files.deleteIfExists(d);
                } catch (IOException ignored) {
                    // not empty (something else wrote there): leave it
                }
            }
        }
    }

    /** Where a file is written until verified, as {@code wirehub get} does: {@code PATH.part}. */
    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }
}
