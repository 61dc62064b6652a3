package io.wirehub.server.files;

import io.wirehub.files.FileProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.config.FilesConfig;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.stats.FileTransferStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file service: an internal client subscribed to {@code $WH.FILES.>} (so clients reach it
 * with ordinary requests, under the server's authorization and permissions), answering from one
 * worker thread that owns the {@link FileStore}.
 *
 * <p>Requests are copied off the publisher's thread into a queue bounded in count and bytes;
 * past the bound a request is declined, which the client sees at once as no responders and
 * retries after a pause: memory stays bounded however fast clients send chunks.
 */
public final class FileService implements MessageSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUEUED_REQUESTS = 1024;
    private static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    private static final FileRequest STOP = new FileRequest("", null, java.util.Map.of(), new byte[0]);

    private final Router router;
    private final FilesConfig config;
    private final FileStore store;
    private final FileTransferStats stats;
    private final LinkedBlockingQueue<FileRequest> queue = new LinkedBlockingQueue<>(MAX_QUEUED_REQUESTS);
    /** Payload bytes in the queue; added by publishers' threads, taken by the worker. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Subscription subscription;
    /** Used by the worker thread only. */
    private final InternalPublisher replies;
    private final Thread worker;

    private FileService(Router router, InternalPublisher replies, FilesConfig config, FileStore store,
                        FileTransferStats stats) {
        this.router = router;
        this.stats = stats;
        this.config = config;
        this.store = store;
        this.replies = replies;
        this.subscription = new Subscription(this, FileProtocol.PREFIX + ">", null,
                "files".getBytes(StandardCharsets.US_ASCII));
        this.worker = Thread.ofVirtual().name("wirehub-files").unstarted(this::serve);
    }

    /**
     * Opens the store and starts answering.
     *
     * @param replies publishes the answers; used by the service's worker thread only
     * @param stats   where it counts the bytes it moves
     */
    public static FileService start(FilesConfig config, Router router, InternalPublisher replies,
                                    FileTransferStats stats) throws IOException {
        FileService service = new FileService(router, replies, config, new FileStore(config), stats);
        router.subscribe(service.subscription);
        service.worker.start();
        return service;
    }

    /** Store directory, for the start-up log. */
    public String describe() {
        return store.root() + " (" + store.usedBytes() + " of " + config.maxStoreSize() + " bytes used, files up to "
                + config.maxFileSize() + " bytes)";
    }

    /** On the publisher's thread: copy and queue, or decline when the queue is full. */
    @Override
    public boolean deliver(Subscription sub, PublishedMessage message) {
        if (message.args().replyLength() <= 0) {
            return false; // every request needs somewhere to answer
        }
        long bytes = message.args().totalLength();
        if (queuedBytes.addAndGet(bytes) > MAX_QUEUED_BYTES) {
            queuedBytes.addAndGet(-bytes);
            return false;
        }
        if (!queue.offer(FileRequest.copyOf(message))) {
            queuedBytes.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    @Override
    public void flushSignal() {
    }

    private void serve() {
        while (true) {
            FileRequest request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (request == STOP) {
                store.close();
                return;
            }
            queuedBytes.addAndGet(-(request.payloadBytes()));
            try {
                answer(request);
            } catch (RuntimeException e) {
                LOG.error("File service failed on {}: {}", request.subject(), e.toString(), e);
                replyError(request, "internal error: " + e.getMessage());
            }
        }
    }

    private void answer(FileRequest request) {
        String subject = request.subject();
        try {
            if (subject.equals(FileProtocol.READ)) {
                readChunk(request);
            } else if (subject.startsWith(FileProtocol.CHUNK)) {
                Upload upload = store.upload(subject.substring(FileProtocol.CHUNK.length()));
                long index = Long.parseLong(request.headers().getOrDefault(FileProtocol.HEADER_INDEX, "-1"));
                long next = discardIfDiskFull(upload, () -> upload.accept(index, request.payload(), 0,
                        request.payload().length, request.headers().get(FileProtocol.HEADER_SHA256)));
                if (next == index + 1) {
                    stats.uploaded(request.payload().length);
                }
                replyJson(request, JSON.createObjectNode().put("next", next));
            } else if (subject.equals(FileProtocol.PUT)) {
                JsonNode body = body(request);
                Upload upload = store.begin(body.path("name").asText(null), body.path("size").asLong(-1),
                        body.path("sha256").asText(null));
                replyJson(request, JSON.createObjectNode().put("upload", upload.id())
                        .put("chunk_size", upload.chunkSize()).put("next", upload.nextChunk()));
            } else if (subject.startsWith(FileProtocol.COMMIT)) {
                Upload upload = store.upload(subject.substring(FileProtocol.COMMIT.length()));
                FileInfo info = discardIfDiskFull(upload, () -> store.commit(upload));
                LOG.info("File {} stored: {} bytes, SHA-256 {}", info.name(), info.size(), info.sha256());
                replyJson(request, describe(info));
            } else if (subject.equals(FileProtocol.STAT)) {
                replyJson(request, describe(store.stat(body(request).path("name").asText(null)))
                        .put("chunk_size", config.chunkSize()));
            } else if (subject.equals(FileProtocol.LIST)) {
                ArrayNode files = JSON.createArrayNode();
                for (FileInfo info : store.list()) {
                    files.add(describe(info));
                }
                reply(request, null, JSON.writeValueAsBytes(files));
            } else if (subject.equals(FileProtocol.DELETE)) {
                String name = body(request).path("name").asText(null);
                store.delete(name);
                LOG.info("File {} deleted", name);
                replyJson(request, JSON.createObjectNode().put("deleted", name));
            } else {
                throw new FileServiceException("unknown file service request " + subject);
            }
        } catch (FileServiceException e) {
            replyError(request, e.getMessage());
        } catch (NumberFormatException e) {
            replyError(request, "bad " + FileProtocol.HEADER_INDEX + " header");
        } catch (IOException e) {
            LOG.warn("File service I/O error on {}: {}", subject, e.toString());
            replyError(request, "storage error: " + e.getMessage());
        }
    }

    /** A step of an upload that writes to disk. */
    private interface UploadStep<T> {
        T run() throws FileServiceException, IOException;
    }

    /**
     * Runs a step of an upload; if it fails because the disk is full, the upload is discarded
     * with its part file, so the space is free for the next put, and the client is told why.
     */
    private <T> T discardIfDiskFull(Upload upload, UploadStep<T> step) throws FileServiceException, IOException {
        try {
            return step.run();
        } catch (IOException e) {
            if (!FileStore.outOfSpace(e)) {
                throw e;
            }
            long freed = store.discard(upload);
            LOG.warn("Disk full while storing {}: the partial upload ({} bytes) was discarded", upload.name(), freed);
            throw new FileServiceException("disk full while storing " + upload.name()
                    + ": the partial upload was discarded; free some space and put it again");
        }
    }

    private void readChunk(FileRequest request) throws FileServiceException, IOException {
        JsonNode body = body(request);
        FileInfo info = store.stat(body.path("name").asText(null));
        long index = body.path("index").asLong(-1);
        ChunkReader.Chunk chunk = store.read(info, index, config.chunkSize());
        String headers = "NATS/1.0\r\n" + FileProtocol.HEADER_INDEX + ": " + index + "\r\n"
                + FileProtocol.HEADER_SHA256 + ": " + chunk.sha256() + "\r\n\r\n";
        reply(request, headers.getBytes(StandardCharsets.US_ASCII), chunk.data(), chunk.length());
        stats.downloaded(chunk.length());
    }

    private static JsonNode body(FileRequest request) throws FileServiceException {
        try {
            return JSON.readTree(request.payload());
        } catch (IOException e) {
            throw new FileServiceException("request body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static ObjectNode describe(FileInfo info) {
        return JSON.createObjectNode().put("name", info.name()).put("size", info.size()).put("sha256", info.sha256())
                .put("modified", info.modified().toString());
    }

    private void replyJson(FileRequest request, ObjectNode body) throws IOException {
        reply(request, null, JSON.writeValueAsBytes(body));
    }

    private void replyError(FileRequest request, String message) {
        stats.refused();
        String headers = "NATS/1.0\r\n" + FileProtocol.HEADER_ERROR + ": " + message.replaceAll("[\r\n]", " ")
                + "\r\n\r\n";
        byte[] body = JSON.createObjectNode().put("error", message).toString().getBytes(StandardCharsets.UTF_8);
        reply(request, headers.getBytes(StandardCharsets.UTF_8), body);
    }

    private void reply(FileRequest request, byte[] headers, byte[] body) {
        reply(request, headers, body, body.length);
    }

    private void reply(FileRequest request, byte[] headers, byte[] body, int length) {
        if (request.reply() != null) {
            replies.publish(request.reply(), null, headers, body, 0, length);
        }
    }

    @Override
    public void close() {
        router.unsubscribe(subscription);
        queue.clear();
        queue.offer(STOP);
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
