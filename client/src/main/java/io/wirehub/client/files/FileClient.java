package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The file service from a Java application, over any jnats connection:
 *
 * <pre>{@code
 * FileClient files = new FileClient(nc);
 * RemoteFile stored = files.upload(Path.of("report.pdf"), "report.pdf");
 * files.download("report.pdf", Path.of("copy.pdf"));
 * }</pre>
 *
 * Uploads and downloads are verified chunk by chunk and as a whole (SHA-256), and resume after an
 * interruption: run the same call again.
 */
public final class FileClient {
    public static final int DEFAULT_WINDOW = 16;

    private final Connection nc;
    private final int window;
    private final Duration timeout;
    private final TransferProgress progress;
    /**
     * The chunk size the store answered the last upload with, so the next upload hashes its chunks
     * ahead for it; at first the store's default. Written and read by any thread using this client.
     */
    private volatile int expectedChunkSize = STORE_DEFAULT_CHUNK_SIZE;

    /** The file store's default {@code chunk_size} (256 KiB). */
    static final int STORE_DEFAULT_CHUNK_SIZE = 256 * 1024;

    public FileClient(Connection nc) {
        this(nc, DEFAULT_WINDOW, Duration.ofSeconds(10), TransferProgress.NONE);
    }

    /**
     * @param window   chunks in flight at once: more hides the round trip, and uses more memory
     * @param timeout  how long one request may go unanswered before it is sent again
     * @param progress told how each phase advances
     */
    public FileClient(Connection nc, int window, Duration timeout, TransferProgress progress) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.nc = nc;
        this.window = window;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** Uploads {@code file} as {@code name}; returns the stored file once its digest matched. */
    public RemoteFile upload(Path file, String name) throws IOException {
        Uploader uploader = new Uploader(nc, window, timeout, progress, expectedChunkSize);
        try {
            return uploader.upload(file, name);
        } finally {
            if (uploader.chunkSize() > 0) {
                expectedChunkSize = uploader.chunkSize();
            }
        }
    }

    /** Downloads {@code name} to {@code destination} (via {@code destination.part}); returns what was verified. */
    public RemoteFile download(String name, Path destination) throws IOException {
        return new Downloader(nc, ChunkSource.store(name), window, timeout, progress).download(destination);
    }

    public RemoteFile stat(String name) throws IOException {
        return ChunkSource.store(name).stat(nc, timeout);
    }

    public List<RemoteFile> list() throws IOException {
        JsonValue answer = Requests.json(nc, FileProtocol.LIST, Map.of(), timeout,
                "no file service answers (is the server started with --store DIR?)");
        List<RemoteFile> files = new ArrayList<>();
        if (answer.array != null) {
            for (JsonValue file : answer.array) {
                files.add(ChunkSource.describe(file));
            }
        }
        return files;
    }

    public void delete(String name) throws IOException {
        Requests.json(nc, FileProtocol.DELETE, Map.of("name", name), timeout,
                "no file service answers (is the server started with --store DIR?)");
    }
}
