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
 * commit; each chunk's digest is kept ({@link ChunkDigests}) for the downloads of the stored file.
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
    private final Path digestsFile;
    private final ChunkDigests digests;
    /** Writes and hashes verified chunks alongside the worker; owns channel, digests and whole digest until finished. */
    private final PartWriter writer;
    private final MessageDigest whole;
    private final MessageDigest chunk;
    private long nextChunk;
    /** Bytes verified and handed to the writer. */
    private long written;

    private Upload(String id, String name, long size, String sha256, int chunkSize, Path part, FileChannel channel,
                   Path digestsFile, ChunkDigests digests, MessageDigest whole, long written) {
        this.id = id;
        this.name = name;
        this.size = size;
        this.sha256 = sha256;
        this.chunkSize = chunkSize;
        this.part = part;
        this.channel = channel;
        this.digestsFile = digestsFile;
        this.digests = digests;
        this.writer = new PartWriter(channel, digests, whole, written);
        this.whole = whole;
        this.chunk = sha256Digest();
        this.written = written;
        this.nextChunk = written / chunkSize;
    }

    /**
     * Opens the part file, keeping what a previous attempt verified: a partly written last chunk
     * (a crash mid-write) is cut off, and the kept prefix is hashed again, chunk by chunk and as a
     * whole, so the digests file ({@code part} with {@code .sums} for {@code .part}) matches it.
     */
    static Upload open(String id, String name, long size, String sha256, int chunkSize, Path part) throws IOException {
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Path digestsFile = part.resolveSibling(id + ".sums");
        ChunkDigests digests = null;
        try {
            long kept = Math.min(channel.size() / chunkSize * chunkSize, size);
            if (channel.size() != kept) {
                channel.truncate(kept);
            }
            digests = ChunkDigests.create(digestsFile);
            MessageDigest whole = sha256Digest();
            MessageDigest chunk = sha256Digest();
            ByteBuffer buffer = ByteBuffer.allocate(chunkSize);
            for (long position = 0; position < kept; position += chunkSize) {
                int length = (int) Math.min(chunkSize, kept - position);
                buffer.clear().limit(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException(part + " shrank while it was read");
                    }
                }
                whole.update(buffer.array(), 0, length);
                chunk.update(buffer.array(), 0, length);
                digests.append(chunk.digest());
            }
            channel.position(kept);
            return new Upload(id, name, size, sha256, chunkSize, part, channel, digestsFile, digests, whole, kept);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (digests != null) {
                digests.close();
            }
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

    /** Each verified chunk's SHA-256, in order ({@link ChunkDigests}). */
    Path digestsFile() {
        return digestsFile;
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
     * sender goes back to the next one. A taken chunk is written by the {@link PartWriter}: a
     * write that fails is reported by the next call (or the commit), and the part file then ends
     * before it, so the upload resumes there.
     *
     * @param data not used by the caller afterwards (the writer keeps it until written)
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
        byte[] digest = chunk.digest();
        String actual = HexFormat.of().formatHex(digest);
        if (!actual.equalsIgnoreCase(chunkSha256 == null ? "" : chunkSha256)) {
            throw new FileServiceException("chunk " + index + " SHA-256 mismatch: expected " + chunkSha256 + ", got "
                    + actual);
        }
        writer.append(data, offset, length, digest);
        written += length;
        nextChunk++;
        return nextChunk;
    }

    /** Bytes still to come before the upload is complete. */
    long remainingBytes() {
        return size - written;
    }

    boolean complete() {
        return written == size;
    }

    /** The whole file's SHA-256 as received, once complete: waits until every chunk is written. */
    String receivedSha256() throws IOException {
        writer.finish();
        return HexFormat.of().formatHex(whole.digest());
    }

    /** Puts everything written on disk (the part file and its digests) before the commit renames them. */
    void force() throws IOException {
        writer.finish();
        channel.force(true);
        digests.force();
    }

    void close() {
        try {
            writer.finish();
        } catch (IOException e) {
            // Closing: a commit forced (and reported) first; otherwise the part file is resumed and checked later.
        }
        try (digests; channel) {
            // Closing both, the part file last.
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
