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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sending side of a relay transfer ({@code wirehub send}): serves one file's STAT and chunk
 * READ requests on subjects derived from a one-time code, through the server, nothing stored
 * there. It ends when the receiver reports a verified file (DONE with the digest it computed).
 * A receiver that is interrupted asks again and resumes; the sender keeps serving until DONE or
 * its wait runs out.
 */
public final class RelaySender implements AutoCloseable {
    private final Connection nc;
    private final Path file;
    private final String channel;
    private final int chunkSize;
    private final TransferProgress progress;
    private final CountDownLatch done = new CountDownLatch(1);
    /** The digest the receiver reported, set once by the dispatcher thread. */
    private final AtomicReference<String> receivedDigest = new AtomicReference<>();
    private final AtomicLong served = new AtomicLong();
    private String sha256;
    private long size;
    private Dispatcher dispatcher;
    /** Read by the dispatcher thread only. */
    private FileChannel channelForReads;

    public RelaySender(Connection nc, Path file, String code, int chunkSize, TransferProgress progress) {
        this.nc = nc;
        this.file = file;
        this.channel = RelayCode.channel(code);
        this.chunkSize = chunkSize;
        this.progress = progress;
    }

    /** Hashes the file and starts answering; returns the file's SHA-256. */
    public String start() throws IOException {
        size = Files.size(file);
        progress.start("hashing " + file.getFileName(), size);
        sha256 = Sha256.of(file, size, progress);
        progress.finish();
        channelForReads = FileChannel.open(file, StandardOpenOption.READ);
        progress.start("sending " + file.getFileName(), size);
        dispatcher = nc.createDispatcher(this::answer);
        dispatcher.subscribe(FileProtocol.RELAY + channel + ".>");
        try {
            nc.flush(Duration.ofSeconds(10));
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new FileTransferException("cannot register with the server: " + e.getMessage(), e);
        }
        return sha256;
    }

    /**
     * Waits until the receiver reports a verified file.
     *
     * @return true when it did, with the same digest; false when the wait ran out
     * @throws FileTransferException when the receiver reports a different digest
     */
    public boolean awaitDone(Duration wait) throws FileTransferException, InterruptedException {
        if (!done.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        progress.finish();
        String reported = receivedDigest.get();
        if (!sha256.equalsIgnoreCase(reported)) {
            throw new FileTransferException("the receiver computed SHA-256 " + reported + ", the file has " + sha256);
        }
        return true;
    }

    private void answer(Message request) {
        String subject = request.getSubject();
        try {
            if (subject.endsWith(".STAT")) {
                Map<String, JsonValue> stat = new LinkedHashMap<>();
                stat.put("name", new JsonValue(file.getFileName().toString()));
                stat.put("size", new JsonValue(size));
                stat.put("sha256", new JsonValue(sha256));
                stat.put("chunk_size", new JsonValue(chunkSize));
                request.getConnection().publish(request.getReplyTo(),
                        new JsonValue(stat).toJson().getBytes(StandardCharsets.UTF_8));
            } else if (subject.endsWith(".READ")) {
                long index = JsonValueUtils.readLong(Requests.parse(request.getData()), "index", -1);
                byte[] data = read(index);
                Headers headers = new Headers().add(FileProtocol.HEADER_INDEX, Long.toString(index))
                        .add(FileProtocol.HEADER_SHA256, Sha256.hex(data, 0, data.length));
                request.getConnection().publish(request.getReplyTo(), headers, data);
                progress.advanceTo(Math.min(size, index * chunkSize + data.length));
                served.addAndGet(data.length);
            } else if (subject.endsWith(".DONE")) {
                receivedDigest.compareAndSet(null,
                        JsonValueUtils.readString(Requests.parse(request.getData()), "sha256"));
                request.getConnection().publish(request.getReplyTo(), "{}".getBytes(StandardCharsets.UTF_8));
                done.countDown();
            }
        } catch (IOException | RuntimeException e) {
            Headers error = new Headers().add(FileProtocol.HEADER_ERROR, String.valueOf(e.getMessage()));
            request.getConnection().publish(request.getReplyTo(), error, new byte[0]);
        }
    }

    private byte[] read(long index) throws IOException {
        long chunks = (size + chunkSize - 1) / chunkSize;
        if (index < 0 || index >= chunks) {
            throw new FileTransferException("chunk " + index + " is outside the file (" + chunks + " chunks)");
        }
        long position = index * chunkSize;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunkSize, size - position));
        while (buffer.hasRemaining()) {
            if (channelForReads.read(buffer, position + buffer.position()) < 0) {
                throw new FileTransferException("the file shrank while sending");
            }
        }
        return buffer.array();
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
        if (channelForReads != null) {
            channelForReads.close();
        }
    }
}
