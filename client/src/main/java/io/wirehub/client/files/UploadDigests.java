package io.wirehub.client.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What an upload needs hashed before it starts: the whole file's SHA-256 (the store's PUT asks for
 * it), and meanwhile, on a second thread, the SHA-256 of each chunk for the chunk size the store
 * is expected to answer with. During this pass the server has nothing to do, so the second core
 * is free; the chunks are then sent without hashing them one by one on the sending thread. When
 * the store answers with another chunk size, {@link #chunk} has nothing and the sender hashes.
 */
final class UploadDigests {
    private final String whole;
    private final int chunkSize;
    /** Each chunk's digest for {@link #chunkSize}, in order. */
    private final byte[][] chunks;

    private UploadDigests(String whole, int chunkSize, byte[][] chunks) {
        this.whole = whole;
        this.chunkSize = chunkSize;
        this.chunks = chunks;
    }

    /** Hashes the first {@code size} bytes of {@code file}, whole (reporting progress) and in chunks of {@code chunkSize}. */
    static UploadDigests of(Path file, long size, int chunkSize, TransferProgress progress) throws IOException {
        long count = (size + chunkSize - 1) / chunkSize;
        if (count > Integer.MAX_VALUE) {
            return new UploadDigests(Sha256.of(file, size, progress), chunkSize, null);
        }
        byte[][] chunks = new byte[(int) count][];
        IOException[] failure = new IOException[1];
        Thread chunker = Thread.ofVirtual().name("wirehub-chunk-hasher").start(() -> {
            try {
                hashChunks(file, size, chunkSize, chunks);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        String whole;
        try {
            whole = Sha256.of(file, size, progress);
        } catch (IOException | RuntimeException e) {
            chunker.interrupt(); // the upload ends here: stop hashing chunks too
            join(chunker);
            throw e;
        }
        join(chunker);
        // failure[0] and chunks[] were written by the chunker before it ended: join() orders them before these reads.
        return new UploadDigests(whole, chunkSize, failure[0] == null ? chunks : null);
    }

    private static void hashChunks(Path file, long size, int chunkSize, byte[][] chunks) throws IOException {
        MessageDigest digest = Sha256.digest();
        ByteBuffer buffer = ByteBuffer.allocate(chunkSize);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int index = 0; index < chunks.length; index++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("chunk hashing stopped");
                }
                long position = (long) index * chunkSize;
                buffer.clear().limit((int) Math.min(chunkSize, size - position));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException(file + " ended after " + (position + buffer.position()) + " bytes");
                    }
                }
                digest.update(buffer.array(), 0, buffer.position());
                chunks[index] = digest.digest();
            }
        }
    }

    private static void join(Thread thread) throws FileTransferException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileTransferException("interrupted");
        }
    }

    String whole() {
        return whole;
    }

    /** Chunk {@code index}'s digest in hex when chunks are {@code size} bytes, or null when it was not computed. */
    String chunk(long index, int size) {
        return chunks == null || size != chunkSize ? null : HexFormat.of().formatHex(chunks[(int) index]);
    }
}
