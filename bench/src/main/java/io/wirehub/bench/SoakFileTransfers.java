package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.client.files.ObjectFiles;
import io.wirehub.client.files.TransferProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * File transfers of the soak, through the client module's Object Store files ({@link ObjectFiles},
 * what {@code wirehub put/get} use): every two seconds a file of 1 to 4 MiB (random bytes) is put
 * into the bucket {@code soak}, got back, compared with the original and deleted, in the bucket and
 * locally. The server must run with JetStream. A window of 4 chunks keeps a put's bytes in flight
 * (512 KiB) small.
 */
final class SoakFileTransfers extends SoakLoad {
    static final long MAX_FILE_SIZE = 4L << 20;
    private static final double TRANSFERS_PER_SECOND = 0.5;

    private final Path work;

    /** @param work a local directory for the files before upload and after download */
    SoakFileTransfers(SoakCounters counters, Path work) {
        super("file transfer", counters);
        this.work = work;
    }

    @Override
    void start(String url) throws Exception {
        Connection connection = keep(Nats.connect(new Options.Builder().server(url).maxReconnects(-1).build()));
        ObjectFiles files = new ObjectFiles(connection, "soak", 4, Duration.ofSeconds(30), TransferProgress.NONE);
        Random random = new Random(7);
        long[] round = {0};
        loop("files", TRANSFERS_PER_SECOND, () -> {
            int size = (1 << 20) + random.nextInt((int) MAX_FILE_SIZE - (1 << 20) + 1);
            byte[] content = new byte[size];
            random.nextBytes(content);
            String name = "soak-" + round[0]++ + ".bin";
            Path source = work.resolve(name);
            Path copy = work.resolve(name + ".copy");
            boolean deleted = false;
            try {
                Files.write(source, content);
                files.put(source, name, -1);
                files.get(name, copy);
                if (Files.mismatch(source, copy) != -1) {
                    throw new IllegalStateException(name + ": the downloaded copy differs from the upload");
                }
                files.delete(name);
                deleted = true;
                counters.fileBytes.add(2L * size);
                counters.files.increment();
            } finally {
                if (!deleted) {
                    deleteQuietly(files, name);
                }
                Files.deleteIfExists(source);
                Files.deleteIfExists(copy);
            }
        });
    }

    /** After a failed round, so a half-done transfer does not stay in the bucket and fill it. */
    private static void deleteQuietly(ObjectFiles files, String name) {
        try {
            files.delete(name);
        } catch (Exception notThere) {
            // Never uploaded, or the server is gone: the round's failure is already counted.
        }
    }
}
