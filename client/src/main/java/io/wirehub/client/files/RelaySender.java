package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The sending side of a relay transfer ({@code wirehub send}): offers files through the server,
 * nothing stored there, encrypted end to end. A receiver opens a session on
 * {@code $WH.RELAY.<channel>.<session>.*}: three J-PAKE rounds keyed by the code (round 3 is key
 * confirmation both ways), then the encrypted list of files, encrypted chunks, and an encrypted
 * DONE with the digests it computed (or that it declined, and why). A failed key confirmation
 * counts as a wrong code; after {@code maxWrongCodes} of them (by default one, as croc and
 * magic-wormhole do) the code is burned and the sender stops.
 *
 * <p>Threads: every request is answered on the one dispatcher thread, which alone touches
 * {@link #sessions} and the open files; {@link #awaitDone} runs on the caller's thread and reads
 * only the outcome, published through {@link #done}.
 */
public final class RelaySender implements AutoCloseable {
    /**
     * Wrong codes tolerated by default: a typo can be typed again, and the third wrong code burns
     * the code, so a guesser gets three tries (in ~2.3 million) per code.
     */
    public static final int MAX_WRONG_CODES = 3;
    /** Sessions kept at once; an older unconfirmed one is dropped for a new one (a cap on memory). */
    private static final int MAX_SESSIONS = 8;
    private static final Pattern SESSION = Pattern.compile("[0-9a-f]{32}");

    /** How a transfer ended. */
    public enum Outcome { DELIVERED, DECLINED, BURNED }

    private final Connection nc;
    private final Map<String, Path> files;
    private final String code;
    private final String channel;
    private final int chunkSize;
    private final TransferProgress progress;
    private final int maxWrongCodes;
    private final CountDownLatch done = new CountDownLatch(1);
    /** Set once before {@link #done} counts down. */
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    /** Why the receiver declined, set before {@link #done} counts down. */
    private final AtomicReference<String> declined = new AtomicReference<>();
    private final AtomicLong served = new AtomicLong();
    /** Dispatcher thread only. */
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    /** Dispatcher thread only. */
    private int wrongCodes;
    /** Set before {@link #start}; called on the dispatcher thread. */
    private java.util.function.IntConsumer wrongCodeListener = triesLeft -> { };
    /** Dispatcher thread only: the outcome, set by the request that decides it, before it is announced. */
    private Outcome ending;
    /** Set by {@link #start} before it subscribes (which publishes them to the dispatcher), then read-only. */
    private RelayManifest manifest;
    private List<Path> paths;
    private Dispatcher dispatcher;
    /** Dispatcher thread only, then closed by {@link #close}. */
    private FileChannel[] channels;

    /** One receiver's exchange; dispatcher thread only. */
    private static final class Session {
        final RelayPake pake;
        RelaySeal seal;

        Session(RelayPake pake) {
            this.pake = pake;
        }
    }

    /** @param files relative path (as the receiver will see it) to local file; see {@link RelayManifest#collect} */
    public RelaySender(Connection nc, Map<String, Path> files, String code, int chunkSize, TransferProgress progress) {
        this(nc, files, code, chunkSize, MAX_WRONG_CODES, progress);
    }

    /** @param maxWrongCodes wrong codes that burn the code (each one gives a guesser one more try) */
    public RelaySender(Connection nc, Map<String, Path> files, String code, int chunkSize, int maxWrongCodes,
            TransferProgress progress) {
        if (maxWrongCodes < 1) {
            throw new IllegalArgumentException("maxWrongCodes must be at least 1");
        }
        this.maxWrongCodes = maxWrongCodes;
        this.nc = nc;
        this.files = new LinkedHashMap<>(files);
        this.code = RelayCode.check(code);
        this.channel = RelayCode.channel(code);
        this.chunkSize = chunkSize;
        this.progress = progress;
    }

    /** One file under its own name. */
    public RelaySender(Connection nc, Path file, String code, int chunkSize, TransferProgress progress) {
        this(nc, Map.of(file.getFileName().toString(), file), code, chunkSize, progress);
    }

    /**
     * Told, with the tries left, of each wrong code that did not yet burn the code (only with
     * {@code maxWrongCodes} above one), so the sender's user knows someone is trying. Call before
     * {@link #start}; it runs on the thread that answers requests and must be quick.
     */
    public RelaySender onWrongCode(java.util.function.IntConsumer listener) {
        this.wrongCodeListener = listener;
        return this;
    }

    /** Hashes the files and starts answering; returns what is offered. */
    public RelayManifest start() throws IOException {
        List<RelayManifest.Entry> entries = new ArrayList<>();
        paths = new ArrayList<>();
        long total = 0;
        for (Path file : files.values()) {
            total += Files.size(file);
        }
        progress.start("hashing", total);
        long hashed = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            long size = Files.size(file.getValue());
            long before = hashed;
            String sha256 = Sha256.of(file.getValue(), size, new TransferProgress() {
                @Override
                public void start(String phase, long all) {
                }

                @Override
                public void advanceTo(long doneBytes) {
                    progress.advanceTo(before + doneBytes);
                }

                @Override
                public void finish() {
                }
            });
            hashed += size;
            entries.add(new RelayManifest.Entry(file.getKey(), size, sha256));
            paths.add(file.getValue());
        }
        progress.finish();
        manifest = new RelayManifest(List.copyOf(entries), chunkSize);
        channels = new FileChannel[paths.size()];
        progress.start("sending", manifest.totalSize());
        dispatcher = nc.createDispatcher(this::answer);
        dispatcher.subscribe(FileProtocol.RELAY + channel + ".>");
        try {
            nc.flush(Duration.ofSeconds(10));
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new FileTransferException("cannot register with the server: " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Waits until a receiver reports verified files, declines, or the code is burned.
     *
     * @return how it ended; null when the wait ran out
     * @throws FileTransferException when the receiver reports digests that differ from the files'
     */
    public Outcome awaitDone(Duration wait) throws FileTransferException, InterruptedException {
        if (!done.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        progress.finish();
        if (failure.get() != null) {
            throw new FileTransferException(failure.get());
        }
        return outcome.get();
    }

    private void answer(Message request) {
        String[] tokens = request.getSubject().split("\\.");
        try {
            if (tokens.length != 5 || !SESSION.matcher(tokens[3]).matches()) {
                throw new FileTransferException("not a relay request");
            }
            String id = tokens[3];
            byte[] reply = switch (tokens[4]) {
                case "R1" -> round1(id, request.getData());
                case "R2" -> open(id).pake.round2AndAccept(request.getData());
                case "R3" -> round3(id, request.getData());
                case "LIST" -> confirmed(id).seal.seal(0, RelaySeal.MANIFEST, manifest.toJson(),
                        RelaySeal.controlData("manifest", id));
                case "READ" -> chunk(confirmed(id), request.getData());
                case "DONE" -> finish(id, confirmed(id), request.getData());
                default -> throw new FileTransferException("unknown relay step " + tokens[4]);
            };
            request.getConnection().publish(request.getReplyTo(), reply);
        } catch (IOException | RuntimeException e) {
            Headers error = new Headers().add(FileProtocol.HEADER_ERROR, String.valueOf(e.getMessage()));
            request.getConnection().publish(request.getReplyTo(), error, new byte[0]);
        }
        if (ending != null) {
            announce();
        }
    }

    /**
     * Publishes the outcome only once the last reply is on its way to the server: the caller
     * closes the connection as soon as it learns the outcome, which would drop a reply still
     * buffered, and the receiver would see a timeout instead of "wrong code" or its confirmation.
     */
    private void announce() {
        try {
            nc.flush(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException e) {
            // the outcome stands; the receiver may then see a timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (outcome.compareAndSet(null, ending)) {
            done.countDown();
        }
    }

    private byte[] round1(String id, byte[] data) throws FileTransferException {
        if (ending != null) {
            throw new FileTransferException("this code is no longer valid");
        }
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().filter(s -> s.getValue().seal == null).findFirst()
                    .ifPresent(s -> sessions.remove(s.getKey()));
        }
        Session session = new Session(new RelayPake(RelayPake.SENDER, RelayCode.secret(code)));
        byte[] mine = session.pake.round1();
        session.pake.acceptRound1(data);
        sessions.put(id, session);
        return mine;
    }

    private byte[] round3(String id, byte[] data) throws FileTransferException {
        Session session = open(id);
        // Never answer a failed confirmation with this side's MAC: it would let a guesser test codes offline.
        if (!session.pake.acceptRound3(data)) {
            sessions.remove(id);
            wrongCodes++;
            if (wrongCodes >= maxWrongCodes) {
                end(Outcome.BURNED);
                throw new FileTransferException("wrong code: the sender has stopped and this code is burned;"
                        + " ask for a new one");
            }
            wrongCodeListener.accept(maxWrongCodes - wrongCodes);
            int left = maxWrongCodes - wrongCodes;
            throw new FileTransferException("wrong code (" + left + (left == 1 ? " try" : " tries")
                    + " left before the sender burns it)");
        }
        session.seal = RelaySeal.derive(session.pake.secret(), id, true);
        return session.pake.round3();
    }

    private byte[] chunk(Session session, byte[] data) throws IOException {
        JsonValue request = Requests.parse(data);
        int file = JsonValueUtils.readInteger(request, "file", -1);
        long index = JsonValueUtils.readLong(request, "index", -1);
        if (file < 0 || file >= paths.size()) {
            throw new FileTransferException("no file " + file);
        }
        RelayManifest.Entry entry = manifest.entries().get(file);
        byte[] plain = read(file, entry, index);
        byte[] sealed = session.seal.seal(file + 1, index, plain, RelaySeal.chunkData(file, index, entry));
        progress.advanceTo(Math.min(manifest.totalSize(), served.addAndGet(plain.length)));
        return sealed;
    }

    private byte[] finish(String id, Session session, byte[] data) throws FileTransferException {
        JsonValue report = Requests.parse(session.seal.open(0, RelaySeal.DONE, data,
                RelaySeal.controlData("done", id), "the receiver's report"));
        if (!JsonValueUtils.readBoolean(report, "accepted", false)) {
            String reason = JsonValueUtils.readString(report, "reason");
            declined.compareAndSet(null, reason == null ? "declined" : reason);
            end(Outcome.DECLINED);
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        JsonValue digests = report.map == null ? null : report.map.get("sha256");
        List<String> expected = manifest.entries().stream().map(RelayManifest.Entry::sha256).toList();
        List<String> reported = digests == null || digests.array == null ? List.of()
                : digests.array.stream().map(v -> v.string).toList();
        if (!expected.equals(reported)) {
            failure.compareAndSet(null, "the receiver computed SHA-256 " + reported + ", the files have " + expected);
        }
        end(Outcome.DELIVERED);
        return "{}".getBytes(StandardCharsets.UTF_8);
    }

    /** Marks how the transfer ended; {@link #announce} tells the caller after the reply is sent. */
    private void end(Outcome how) {
        if (ending == null) {
            ending = how;
        }
    }

    private Session open(String id) throws FileTransferException {
        Session session = sessions.get(id);
        if (session == null) {
            throw new FileTransferException("no such relay session (start again)");
        }
        return session;
    }

    private Session confirmed(String id) throws FileTransferException {
        Session session = open(id);
        if (session.seal == null) {
            throw new FileTransferException("the key exchange of this session is not confirmed");
        }
        return session;
    }

    private byte[] read(int file, RelayManifest.Entry entry, long index) throws IOException {
        long chunks = (entry.size() + chunkSize - 1) / chunkSize;
        if (index < 0 || index >= chunks) {
            throw new FileTransferException("chunk " + index + " is outside the file (" + chunks + " chunks)");
        }
        if (channels[file] == null) {
            channels[file] = FileChannel.open(paths.get(file), StandardOpenOption.READ);
        }
        long position = index * chunkSize;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunkSize, entry.size() - position));
        while (buffer.hasRemaining()) {
            if (channels[file].read(buffer, position + buffer.position()) < 0) {
                throw new FileTransferException("the file shrank while sending");
            }
        }
        return buffer.array();
    }

    /** Why the receiver declined (its words, e.g. "x already exists"); null unless {@link Outcome#DECLINED}. */
    public String declineReason() {
        return declined.get();
    }

    /** Bytes of chunks served (resent chunks counted again). */
    public long servedBytes() {
        return served.get();
    }

    @Override
    public void close() throws IOException {
        if (dispatcher != null) {
            nc.closeDispatcher(dispatcher);
        }
        if (channels != null) {
            for (FileChannel c : channels) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
