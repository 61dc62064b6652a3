package io.wirehub.client.files;

import io.wirehub.files.FileProtocol;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The receiving side of a relay transfer ({@code wirehub receive CODE}): downloads from the sender
 * like a download from the store (verified chunks into a resumable part file), then tells the
 * sender the digest it computed, so both sides end knowing the copy is exact.
 */
public final class RelayReceiver {
    private final Connection nc;
    private final int window;
    private final Duration timeout;
    private final TransferProgress progress;

    public RelayReceiver(Connection nc, int window, Duration timeout, TransferProgress progress) {
        this.nc = nc;
        this.window = window;
        this.timeout = timeout;
        this.progress = progress;
    }

    /**
     * @param destination where the file goes; null for the sender's file name in {@code directory}
     */
    public RemoteFile receive(String code, Path directory, Path destination) throws IOException {
        String channel = RelayCode.channel(code);
        ChunkSource source = ChunkSource.relay(channel);
        Path target = destination;
        if (target == null) {
            String name = source.stat(nc, timeout).name();
            if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new FileTransferException("the sender offers an unsafe file name: " + name);
            }
            target = directory.resolve(name);
        }
        RemoteFile received = new Downloader(nc, source, window, timeout, progress).download(target);
        Requests.json(nc, FileProtocol.RELAY + channel + ".DONE", Map.of("sha256", received.sha256()), timeout,
                "the sender went away before the transfer was confirmed");
        return received;
    }
}
