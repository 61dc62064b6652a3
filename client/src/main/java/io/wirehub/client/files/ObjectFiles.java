package io.wirehub.client.files;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Files in a JetStream Object Store bucket from a Java application, over any jnats connection:
 * the objects are real ADR-20 objects, read and written by every client's Object Store API, and
 * uploads and downloads resume after an interruption (run the same call again).
 *
 * <pre>{@code
 * ObjectFiles files = new ObjectFiles(nc, "files", 16, Duration.ofSeconds(10), TransferProgress.NONE);
 * RemoteFile stored = files.put(Path.of("report.pdf"), "report.pdf", -1);
 * files.get("report.pdf", Path.of("copy.pdf"));
 * }</pre>
 */
public final class ObjectFiles {
    /** The bucket {@code wirehub put} and {@code get} use unless told otherwise. */
    public static final String DEFAULT_BUCKET = "files";
    /** jnats' and the Go client's chunk size (128 KiB). */
    public static final int CHUNK_SIZE = NatsObjectStoreUtil.DEFAULT_CHUNK_SIZE;

    private final Connection nc;
    private final String bucket;
    private final int window;
    private final Duration timeout;
    private final TransferProgress progress;
    private final int chunkSize;

    /**
     * @param window   chunks unacknowledged at once while putting
     * @param timeout  how long one acknowledgement or chunk may take
     * @param progress told how each phase advances
     */
    public ObjectFiles(Connection nc, String bucket, int window, Duration timeout, TransferProgress progress) {
        this(nc, bucket, window, timeout, progress, CHUNK_SIZE);
    }

    /** @param chunkSize the size puts cut files into (gets read any) */
    public ObjectFiles(Connection nc, String bucket, int window, Duration timeout, TransferProgress progress,
                       int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.nc = nc;
        this.bucket = bucket;
        this.window = window;
        this.timeout = timeout;
        this.progress = progress;
        this.chunkSize = chunkSize;
    }

    /** The bucket's limit and use, creating it first (with {@code maxBytes} when positive) if absent. */
    public BucketUse ensureBucket(long maxBytes) throws IOException {
        ObjectBucket.State state = ObjectBucket.ensure(nc, bucket, maxBytes, timeout);
        return new BucketUse(state.maxBytes(), state.bytes(), state.created());
    }

    /** A bucket's {@code max_bytes} (-1: none), bytes in use, and whether this call created it. */
    public record BucketUse(long maxBytes, long bytes, boolean created) {
    }

    /**
     * Puts {@code file} as {@code name} into the bucket, created with {@code maxBytes} when absent;
     * resumes an interrupted put of the same file.
     */
    public RemoteFile put(Path file, String name, long maxBytes) throws IOException {
        ObjectBucket.State state = ObjectBucket.ensure(nc, bucket, maxBytes, timeout);
        return new ObjectUpload(nc, bucket, chunkSize, window, timeout, progress).put(file, name, state);
    }

    /** Gets {@code name} into {@code destination} (via {@code destination.part}); returns what was verified. */
    public RemoteFile get(String name, Path destination) throws IOException {
        ObjectBucket.existing(nc, bucket, timeout);
        ObjectInfo info = info(nc, bucket, name);
        if (info == null) {
            throw new FileTransferException("no object named \"" + name + "\" in bucket \"" + bucket + "\"");
        }
        if (info.isLink()) {
            throw new FileTransferException(name + " is a link to " + info.getLink().getBucket()
                    + (info.getLink().getObjectName() == null ? "" : " > " + info.getLink().getObjectName())
                    + "; get the object it names");
        }
        return new ObjectDownload(nc, bucket, timeout, progress).get(info, destination);
    }

    /** The bucket's objects (deleted ones left out). */
    public List<RemoteFile> list() throws IOException {
        ObjectBucket.existing(nc, bucket, timeout);
        List<RemoteFile> files = new ArrayList<>();
        try {
            for (ObjectInfo info : store().getList()) {
                files.add(describe(info));
            }
        } catch (JetStreamApiException e) {
            throw new FileTransferException(e.getErrorDescription() + " (" + e.getApiErrorCode() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted");
        }
        return files;
    }

    /** Deletes {@code name}: its meta marked deleted, its chunks purged (as every client deletes). */
    public void delete(String name) throws IOException {
        ObjectBucket.existing(nc, bucket, timeout);
        if (info(nc, bucket, name) == null) {
            throw new FileTransferException("no object named \"" + name + "\" in bucket \"" + bucket + "\"");
        }
        try {
            store().delete(name);
        } catch (JetStreamApiException e) {
            throw new FileTransferException(e.getErrorDescription() + " (" + e.getApiErrorCode() + ")", e);
        }
    }

    private ObjectStore store() throws IOException {
        return nc.objectStore(bucket);
    }

    /** The object's current info, or null when there is none (or it was deleted). */
    static ObjectInfo info(Connection nc, String bucket, String name) throws IOException {
        try {
            return nc.objectStore(bucket).getInfo(name);
        } catch (JetStreamApiException e) {
            throw new FileTransferException(e.getErrorDescription() + " (" + e.getApiErrorCode() + ")", e);
        }
    }

    static RemoteFile describe(ObjectInfo info) {
        int chunkSize = info.getObjectMeta().getObjectMetaOptions() == null ? 0
                : info.getObjectMeta().getObjectMetaOptions().getChunkSize();
        return new RemoteFile(info.getObjectName(), info.getSize(), hexDigest(info.getDigest()),
                info.getModified() == null ? "" : info.getModified().toString(), chunkSize);
    }

    /** {@code SHA-256=<base64url>} (ADR-20) as lower-case hex; empty when there is none. */
    static String hexDigest(String digest) {
        if (digest == null || !digest.regionMatches(true, 0, "SHA-256=", 0, 8)) {
            return "";
        }
        String value = digest.substring(8);
        try {
            return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            // Some writers use standard base64: accept it too.
            return HexFormat.of().formatHex(Base64.getDecoder().decode(value));
        }
    }
}
