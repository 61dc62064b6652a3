package io.wirehub.server.jetstream.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child of {@link FileStoreCrashTest}: appends with syncAlways until killed, printing
 * {@code ok <seq>;} for every append that returned (the ";" tells the parent a line is whole).
 * With a second argument {@code kv} (for {@link FileStoreCompactionCrashTest}) it writes as a
 * Key-Value bucket does: one message per subject kept, keys overwritten at random, and a key
 * written once when the store is new, so blocks die out of order and are compacted all along;
 * it prints {@code ok <seq> <subject>;}. A number as the second argument is the block size
 * (64 KiB otherwise): small blocks are sealed, forced and indexed every few appends, so a kill
 * often lands while a block index is written.
 */
public final class CrashAppender {
    private CrashAppender() {
    }

    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("kv")) {
            keyValue(Path.of(args[0]));
            return;
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        long blockSize = args.length > 1 ? Long.parseLong(args[1]) : 64 * 1024;
        try (FileStore store = FileStore.open(Path.of(args[0]),
                FileStoreOptions.defaults(StoreLimits.NONE).withBlockSize(blockSize).withSyncAlways(true))) {
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

    private static void keyValue(Path dir) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        java.util.Random random = new java.util.Random();
        try (FileStore store = FileStore.open(dir, FileStoreOptions.defaults(StoreLimits.NONE.withMaxMsgsPerSubject(1))
                .withBlockSize(64 * 1024).withSyncAlways(true))) {
            out.println("open " + store.state().lastSeq() + ";");
            out.flush();
            if (store.state().lastSeq() == 0) {
                long seq = store.append("kv.pinned", null, new byte[200]);
                out.println("ok " + seq + " kv.pinned;");
                out.flush();
            }
            byte[] payload = new byte[200];
            while (true) {
                String subject = "kv.k" + random.nextInt(50);
                long seq = store.append(subject, null, payload);
                out.println("ok " + seq + " " + subject + ";");
                out.flush();
            }
        }
    }
}
