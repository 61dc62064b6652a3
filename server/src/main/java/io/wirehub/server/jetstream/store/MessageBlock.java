package io.wirehub.server.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only block file. Not thread-safe: the owning FileStore's lock guards every call and
 * every field, except that {@link #channel()} may be forced by the group commit outside it
 * (FileChannel.force is safe alongside writes).
 */
final class MessageBlock {
    private final long id;
    private final Path path;
    private final FileChannel channel;
    /** Bytes of good records; the next record goes here. */
    private long end;
    /** Messages of this block still in the index; a dead block at the front is deleted. */
    private int live;
    /** Bytes of those messages' records: what compaction would keep of the block's messages. */
    private long liveBytes;
    /**
     * The lowest and highest sequence of the message records in the file, live or dead (their
     * records are still there): a tombstone elsewhere for a sequence in this range may still be
     * needed to keep a dead one dead. Long.MAX_VALUE / -1 when the file holds no message record.
     */
    private long minMessageSeq = Long.MAX_VALUE;
    private long maxMessageSeq = -1;
    /** The records so far of the block being written, for its index; null once sealed (or never written). */
    private BlockIndex.Builder index;

    private MessageBlock(long id, Path path, FileChannel channel, long end) {
        this.id = id;
        this.path = path;
        this.channel = channel;
        this.end = end;
    }

    static MessageBlock open(Path dir, long id) throws IOException {
        Path path = dir.resolve(name(id));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new MessageBlock(id, path, channel, channel.size());
    }

    static String name(long id) {
        return String.format("%010d.blk", id);
    }

    /**
     * Parses a block file's name; -1 when it is not one. Ten digits or more: {@link #name} pads to
     * ten, and a block after 9999999999 (a renamed file) must still be found again.
     */
    static long idOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.matches("\\d{10,18}\\.blk")) {
            return -1;
        }
        return Long.parseLong(name.substring(0, name.length() - 4));
    }

    long id() {
        return id;
    }

    long end() {
        return end;
    }

    FileChannel channel() {
        return channel;
    }

    long size() throws IOException {
        return channel.size();
    }

    /**
     * The file's first bytes, at most {@code limit}: a file longer than any block Wirehub writes
     * (tampered with, or not a block) must not make recovery allocate its size.
     */
    byte[] readAll(int limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(channel.size(), limit));
        while (buf.hasRemaining() && channel.read(buf, buf.position()) >= 0) {
            // read until full: a positional read may return less than asked
        }
        return buf.array();
    }

    /** From now on this block is written: its records so far are {@code recovered}. */
    void startIndex(java.util.List<BlockIndex.Entry> recovered) {
        index = new BlockIndex.Builder(recovered, end);
    }

    /**
     * The index of what the block holds now, or null when it is not the block being written. The
     * caller forces the block before writing the index out.
     */
    BlockIndex currentIndex() {
        return index == null ? null : index.build();
    }

    /** The block is full: no more records, so its index is final. */
    void seal() {
        index = null;
    }

    /** Appends {@code record}, encoded as {@code bytes}, and notes it for the block's index. */
    long append(ByteBuffer bytes, Record record) throws IOException {
        int length = bytes.limit();
        long offset = append(bytes);
        if (index != null) {
            index.add(record, offset, length);
        }
        return offset;
    }

    /**
     * Appends a record and returns its offset. On failure (a full disk) the partial record is cut
     * off again, so the file ends at the last good record and a later append can succeed.
     */
    private long append(ByteBuffer record) throws IOException {
        long offset = end;
        try {
            long position = offset;
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
        } catch (IOException e) {
            try {
                channel.truncate(offset);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        end = offset + record.limit();
        return offset;
    }

    byte[] read(long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new IOException("block " + path + " ends before " + (offset + length));
            }
        }
        return buf.array();
    }

    /** Fills {@code into} from its position to its limit with the file's bytes from {@code offset}. */
    void readInto(long offset, ByteBuffer into) throws IOException {
        int start = into.position();
        while (into.hasRemaining()) {
            if (channel.read(into, offset + into.position() - start) < 0) {
                throw new IOException("block " + path + " ends before " + (offset + into.limit() - start));
            }
        }
    }

    void overwrite(long offset, ByteBuffer bytes) throws IOException {
        long position = offset;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /** Cuts the file at {@code size}: recovery drops a damaged tail this way. */
    void truncate(long size) throws IOException {
        channel.truncate(size);
        end = size;
    }

    void force() throws IOException {
        channel.force(false);
    }

    int live() {
        return live;
    }

    long liveBytes() {
        return liveBytes;
    }

    /** One more (or, negative, fewer) live message of {@code bytes} record bytes. */
    void addLive(int delta, long bytes) {
        live += delta;
        liveBytes += bytes;
    }

    /** A message record with this sequence is in the file (appended or found by a scan). */
    void holdsMessage(long seq) {
        minMessageSeq = Math.min(minMessageSeq, seq);
        maxMessageSeq = Math.max(maxMessageSeq, seq);
    }

    /** Whether a message record with this sequence may be in the file (it is, if in the range at all). */
    boolean mayHoldMessage(long seq) {
        return seq >= minMessageSeq && seq <= maxMessageSeq;
    }

    Path path() {
        return path;
    }

    void close() throws IOException {
        channel.close();
    }

    /** Deletes the file and its index (the index first: a block without one is only scanned). */
    void delete() throws IOException {
        channel.close();
        BlockIndex.delete(path.getParent(), id);
        Files.deleteIfExists(path);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
