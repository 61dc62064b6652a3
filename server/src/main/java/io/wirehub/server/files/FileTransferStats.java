package io.wirehub.server.files;

import java.util.concurrent.atomic.LongAdder;

/** Bytes through the file service, for /metrics ({@code wirehub_file_transfer_bytes_total}). */
public final class FileTransferStats {
    final LongAdder uploaded = new LongAdder();
    final LongAdder downloaded = new LongAdder();
    final LongAdder refused = new LongAdder();

    /** Verified chunk bytes written to the store. */
    public long uploadedBytes() {
        return uploaded.sum();
    }

    /** Chunk bytes sent to clients. */
    public long downloadedBytes() {
        return downloaded.sum();
    }

    /** Requests answered with an error. */
    public long refusedRequests() {
        return refused.sum();
    }
}
