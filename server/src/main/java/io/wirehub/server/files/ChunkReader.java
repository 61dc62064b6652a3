package io.wirehub.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * Reads stored files chunk by chunk for downloads, each chunk with its SHA-256: the digest
 * recorded when the file was uploaded ({@link ChunkDigests}) when there is one for this chunk
 * size, so serving a chunk costs a read and no hashing; otherwise the chunk is hashed here. The
 * file last read (and its digests) stay open between requests, since a download asks for its
 * chunks one after another; chunks are read into one buffer, reused.
 *
 * <p>Confined to the file service's worker thread.
 */
final class ChunkReader {
    /** One chunk; {@code data} is valid until the next read. */
    record Chunk(byte[] data, int length, String sha256) {
    }

    private final Path root;
    private final Path meta;
    /** The file chunks were last read from, with its name and digests (null when there are none to use). */
    private FileChannel reading;
    private String readingName;
    private ChunkDigests digests;
    private byte[] buffer = new byte[0];

    ChunkReader(Path root, Path meta) {
        this.root = root;
        this.meta = meta;
    }

    /** Chunk {@code index} of a stored file (chunks of {@code chunkSize} bytes; the last may be shorter). */
    Chunk read(FileInfo file, long index, int chunkSize) throws FileServiceException, IOException {
        long chunks = (file.size() + chunkSize - 1) / chunkSize;
        if (index < 0 || index >= Math.max(chunks, 1) || (file.size() == 0 && index > 0)) {
            throw new FileServiceException("chunk " + index + " is outside " + file.name() + " (" + chunks + " chunks)");
        }
        if (!file.name().equals(readingName)) {
            open(file, chunks, chunkSize);
        }
        long position = index * chunkSize;
        int length = (int) Math.min(chunkSize, file.size() - position);
        if (buffer.length < length) {
            buffer = new byte[chunkSize];
        }
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, length);
        while (into.hasRemaining()) {
            if (reading.read(into, position + into.position()) < 0) {
                throw new FileServiceException(file.name() + " is shorter on disk than recorded");
            }
        }
        // An empty file has no chunks, so no digest for the empty chunk 0 it is read as.
        String sha256 = digests != null && index < chunks ? digests.hex(index) : hash(buffer, length);
        return new Chunk(buffer, length, sha256);
    }

    private void open(FileInfo file, long chunks, int chunkSize) throws IOException {
        forget(readingName);
        reading = FileChannel.open(root.resolve(file.name()), StandardOpenOption.READ);
        readingName = file.name();
        if (file.digestChunkSize() == chunkSize) {
            digests = ChunkDigests.openIfComplete(digestsOf(file.name()), chunks);
        }
    }

    /** Where a stored file's chunk digests are kept. */
    Path digestsOf(String name) {
        return meta.resolve(name + ".sums");
    }

    /** Closes what is held open for {@code name} (replaced or deleted). */
    void forget(String name) throws IOException {
        if (name == null || !name.equals(readingName)) {
            return;
        }
        try (FileChannel content = reading; ChunkDigests sums = digests) {
            reading = null;
            readingName = null;
            digests = null;
        }
    }

    void close() throws IOException {
        forget(readingName);
    }

    private static String hash(byte[] data, int length) {
        var digest = Upload.sha256Digest();
        digest.update(data, 0, length);
        return HexFormat.of().formatHex(digest.digest());
    }
}
