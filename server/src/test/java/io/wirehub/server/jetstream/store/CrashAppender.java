package io.wirehub.server.jetstream.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child of {@link FileStoreCrashTest}: appends with syncAlways until killed, printing
 * {@code ok <seq>;} for every append that returned (the ";" tells the parent a line is whole).
 */
public final class CrashAppender {
    private CrashAppender() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        try (FileStore store = FileStore.open(Path.of(args[0]),
                FileStoreOptions.defaults(StoreLimits.NONE).withBlockSize(64 * 1024).withSyncAlways(true))) {
            out.println("open " + store.state().lastSeq() + ";");
            out.flush();
            byte[] payload = new byte[200];
            for (long i = 0; ; i++) {
                long seq = store.append("crash." + (i % 5), null, payload);
                out.println("ok " + seq + ";");
                out.flush();
            }
        }
    }
}
