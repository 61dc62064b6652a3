package io.wirehub.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * The SHA-256 of every chunk of a file, {@value #LENGTH} bytes each in chunk order, kept in a
 * file of their own: {@code uploads/ID.sums} while an upload runs, then {@code meta/NAME.sums}
 * beside the stored file. An upload appends each chunk's digest once it matched the client's, so
 * a download's chunk digests are read back instead of computed again, and what a client checks
 * downloaded chunks against is what was verified on the way in (a byte that rots on disk is caught
 * at its chunk, not only by the whole digest).
 *
 * <p>A digests file that does not hold exactly one digest per chunk is not used (the chunks are
 * hashed as they are read instead), so a crash while one was written costs speed, not safety.
 *
 * <p>Confined to the file service's worker thread.
 */
final class ChunkDigests implements AutoCloseable {
    static final int LENGTH = 32;

    private final FileChannel channel;
    private final ByteBuffer one = ByteBuffer.allocate(LENGTH);

    private ChunkDigests(FileChannel channel) {
        this.channel = channel;
    }

    /** Starts an empty digests file for an upload (replacing any earlier one). */
    static ChunkDigests create(Path file) throws IOException {
        return new ChunkDigests(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** Opens a stored file's digests, or returns null when there are none for {@code chunks} chunks. */
    static ChunkDigests openIfComplete(Path file, long chunks) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        if (channel.size() != chunks * LENGTH) {
            channel.close();
            return null;
        }
        return new ChunkDigests(channel);
    }

    void append(byte[] digest) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(digest, 0, LENGTH);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Chunk {@code index}'s digest in hex. */
    String hex(long index) throws IOException {
        one.clear();
        while (one.hasRemaining()) {
            if (channel.read(one, index * LENGTH + one.position()) < 0) {
                throw new IOException("chunk digests end before chunk " + index);
            }
        }
        return HexFormat.of().formatHex(one.array());
    }

    void force() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
