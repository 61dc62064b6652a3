package io.wirehub.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One upload in progress: chunks are appended to a {@code .part} file strictly in order, each
 * only after its own SHA-256 matched, so the part file is always a verified prefix and an upload
 * resumes from its length. The whole file's digest grows as chunks are appended and is checked at
 * commit.
 *
 * <p>Confined to the file service's worker thread.
 */
final class Upload {
    private final String id;
    private final String name;
    private final long size;
    private final String sha256;
    private final int chunkSize;
    private final Path part;
    private final FileChannel channel;
    private final MessageDigest whole;
    private final MessageDigest chunk;
    private long nextChunk;
    private long written;

    private Upload(String id, String name, long size, String sha256, int chunkSize, Path part, FileChannel channel,
                   MessageDigest whole, long written) {
        this.id = id;
        this.name = name;
        this.size = size;
        this.sha256 = sha256;
        this.chunkSize = chunkSize;
        this.part = part;
        this.channel = channel;
        this.whole = whole;
        this.chunk = sha256Digest();
        this.written = written;
        this.nextChunk = written / chunkSize;
    }

    /**
     * Opens the part file, keeping what a previous attempt verified: a partly written last chunk
     * (a crash mid-write) is cut off, and the kept prefix is hashed again.
     */
    static Upload open(String id, String name, long size, String sha256, int chunkSize, Path part) throws IOException {
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long kept = Math.min(channel.size() / chunkSize * chunkSize, size);
            if (channel.size() != kept) {
                channel.truncate(kept);
            }
            MessageDigest whole = sha256Digest();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (long position = 0; position < kept; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), kept - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                whole.update(buffer);
                position += n;
            }
            channel.position(kept);
            return new Upload(id, name, size, sha256, chunkSize, part, channel, whole, kept);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    int chunkSize() {
        return chunkSize;
    }

    Path part() {
        return part;
    }

    long nextChunk() {
        return nextChunk;
    }

    long chunks() {
        return (size + chunkSize - 1) / chunkSize;
    }

    /**
     * Takes chunk {@code index} if it is the next one and its digest matches; a chunk already
     * taken is acknowledged again (a retransmission), one from further ahead is refused so the
     * sender goes back to the next one.
     *
     * @return the index of the chunk wanted next
     */
    long accept(long index, byte[] data, int offset, int length, String chunkSha256)
            throws FileServiceException, IOException {
        if (index != nextChunk) {
            return nextChunk;
        }
        long expected = Math.min(chunkSize, size - written);
        if (length != expected) {
            throw new FileServiceException("chunk " + index + " holds " + length + " bytes, expected " + expected);
        }
        chunk.reset();
        chunk.update(data, offset, length);
        String actual = HexFormat.of().formatHex(chunk.digest());
        if (!actual.equalsIgnoreCase(chunkSha256 == null ? "" : chunkSha256)) {
            throw new FileServiceException("chunk " + index + " SHA-256 mismatch: expected " + chunkSha256 + ", got "
                    + actual);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        whole.update(data, offset, length);
        written += length;
        nextChunk++;
        return nextChunk;
    }

    boolean complete() {
        return written == size;
    }

    /** The whole file's SHA-256 as received, once complete. */
    String receivedSha256() {
        return HexFormat.of().formatHex(whole.digest());
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing after the last write: nothing left to save.
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
