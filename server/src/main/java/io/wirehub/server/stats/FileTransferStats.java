package io.wirehub.server.stats;

import java.util.concurrent.atomic.LongAdder;

/** Bytes through the file service, for /metrics ({@code wirehub_file_transfer_bytes_total}). */
public final class FileTransferStats {
    private final LongAdder uploaded = new LongAdder();
    private final LongAdder downloaded = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /**
     * The counts at one moment.
     *
     * @param uploadedBytes   verified chunk bytes written to the store
     * @param downloadedBytes chunk bytes sent to clients
     * @param refusedRequests requests answered with an error
     */
    public record Counts(long uploadedBytes, long downloadedBytes, long refusedRequests) {
    }

    public void uploaded(long bytes) {
        uploaded.add(bytes);
    }

    public void downloaded(long bytes) {
        downloaded.add(bytes);
    }

    public void refused() {
        refused.increment();
    }

    public Counts snapshot() {
        return new Counts(uploaded.sum(), downloaded.sum(), refused.sum());
    }
}
