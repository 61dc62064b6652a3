package io.wirehub.server.jetstream.store;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a block holds, without its payloads: each record's kind, sequence and place, and a
 * message's time, subject and sizes. Recovery replays these instead of reading and checking the
 * whole block, so opening a stream costs a few bytes per message rather than all of its bytes.
 *
 * <p>File {@code <id>.idx} beside {@code <id>.blk}, big-endian: {@code [u32 magic "WHBI"][u8
 * version][u64 block id][u64 block length][u32 subject count]([u16 length][utf-8])*[u32 record
 * count]([u8 kind][u64 seq][u32 record length], and for a message [u64 time][u32 subject
 * number][u32 headers length])*[u32 CRC32C of all before]}. A record's offset is the sum of the
 * lengths before it: the records tile the block.
 *
 * <p>An index is trusted only when it is provably the block's: its checksum matches, it names
 * this block's id, its length is the file's length and its records tile exactly that length,
 * and the block's first and last records, read and checked (CRC32C) from the file, are the ones
 * it lists. A sealed block changes afterwards only by erase (a message's body, never the fields
 * here) and by compaction, which deletes the index before renaming a merged file over the block.
 * Anything else (missing, torn, flipped, foreign, stale) and the block is scanned as before.
 */
final class BlockIndex {
    static final String SUFFIX = ".idx";
    static final String TEMPORARY_SUFFIX = ".idx.tmp";
    private static final int MAGIC = 0x57484249;
    private static final byte VERSION = 1;
    /** magic, version, block id, block length, subject count, record count, checksum. */
    private static final int FIXED = 4 + 1 + 8 + 8 + 4 + 4 + 4;
    /** An index is smaller than its block (every entry is smaller than its record): room for the header. */
    private static final int SLACK = FIXED + 64;

    /** One record of the block, as recovery applies it. */
    record Entry(Record.Kind kind, long seq, long timestampNanos, String subject, int headersLength,
            int payloadLength, long offset, int length) {

        static Entry of(Record record, long offset, int length) {
            return new Entry(record.kind(), record.seq(), record.timestampNanos(), record.subject(),
                    record.headers().length, record.payload().length, offset, length);
        }
    }

    private final long blockLength;
    private final List<Entry> entries;

    BlockIndex(long blockLength, List<Entry> entries) {
        this.blockLength = blockLength;
        this.entries = entries;
    }

    List<Entry> entries() {
        return entries;
    }

    long blockLength() {
        return blockLength;
    }

    static Path path(Path dir, long id) {
        return dir.resolve(String.format("%010d", id) + SUFFIX);
    }

    /**
     * Writes the index of block {@code id} (whose bytes the caller has forced first, so the index
     * never describes bytes a power loss could take): to a temporary file, then renamed into
     * place, so a crash leaves the old state (no index) or the whole new one.
     */
    void write(Path dir, long id) throws IOException {
        ByteBuffer bytes = encode(id);
        Path target = path(dir, id);
        Path temporary = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void delete(Path dir, long id) throws IOException {
        Files.deleteIfExists(path(dir, id));
    }

    private ByteBuffer encode(long id) {
        Map<String, Integer> numbers = new HashMap<>();
        List<byte[]> subjects = new ArrayList<>();
        int size = FIXED;
        for (Entry entry : entries) {
            size += 1 + 8 + 4;
            if (entry.kind() == Record.Kind.MESSAGE) {
                size += 8 + 4 + 4;
                if (!numbers.containsKey(entry.subject())) {
                    numbers.put(entry.subject(), subjects.size());
                    byte[] subject = entry.subject().getBytes(StandardCharsets.UTF_8);
                    subjects.add(subject);
                    size += 2 + subject.length;
                }
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(MAGIC).put(VERSION).putLong(id).putLong(blockLength).putInt(subjects.size());
        for (byte[] subject : subjects) {
            buf.putShort((short) subject.length).put(subject);
        }
        buf.putInt(entries.size());
        for (Entry entry : entries) {
            buf.put(entry.kind().code).putLong(entry.seq()).putInt(entry.length());
            if (entry.kind() == Record.Kind.MESSAGE) {
                buf.putLong(entry.timestampNanos()).putInt(numbers.get(entry.subject())).putInt(entry.headersLength());
            }
        }
        buf.putInt(RecordCodec.checksum(buf.array(), 0, size - 4));
        return buf.flip();
    }

    /**
     * The index of {@code block} if there is one and it is provably the block's; null otherwise
     * ({@code why} gets the reason, for the log). Never throws on bad bytes.
     *
     * @param maxBlockBytes the most a scan would read of the block: a longer one is never indexed
     */
    static BlockIndex load(Path dir, MessageBlock block, int maxBlockBytes, StringBuilder why) throws IOException {
        Path file = path(dir, block.id());
        long blockLength = block.size();
        byte[] data;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size > blockLength + SLACK || size < FIXED) {
                why.append("index of ").append(size).append(" bytes for a block of ").append(blockLength);
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && in.read(buf) >= 0) {
                // read until full
            }
            data = buf.array();
        } catch (NoSuchFileException missing) {
            why.append("no index");
            return null;
        }
        if (blockLength > maxBlockBytes) {
            why.append("block longer than any block written");
            return null;
        }
        BlockIndex index;
        try {
            index = decode(data, block.id(), blockLength);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            index = null;
        }
        if (index == null) {
            why.append("damaged or stale index");
            return null;
        }
        if (!index.entries.isEmpty() && !(index.holds(block, index.entries.getFirst())
                && index.holds(block, index.entries.getLast()))) {
            why.append("index does not match the block's first and last records");
            return null;
        }
        return index;
    }

    private static BlockIndex decode(byte[] data, long id, long blockLength) {
        int body = data.length - 4;
        if (ByteBuffer.wrap(data, body, 4).getInt() != RecordCodec.checksum(data, 0, body)) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(data, 0, body);
        if (buf.getInt() != MAGIC || buf.get() != VERSION || buf.getLong() != id || buf.getLong() != blockLength) {
            return null;
        }
        int subjectCount = buf.getInt();
        if (subjectCount < 0 || subjectCount > buf.remaining() / 2) {
            return null;
        }
        String[] subjects = new String[subjectCount];
        int[] subjectBytes = new int[subjectCount];
        for (int i = 0; i < subjectCount; i++) {
            int length = Short.toUnsignedInt(buf.getShort());
            byte[] subject = new byte[length];
            buf.get(subject);
            subjects[i] = new String(subject, StandardCharsets.UTF_8);
            subjectBytes[i] = length;
        }
        int count = buf.getInt();
        if (count < 0 || count > buf.remaining() / (1 + 8 + 4)) {
            return null;
        }
        List<Entry> entries = new ArrayList<>(count);
        long offset = 0;
        for (int i = 0; i < count; i++) {
            Record.Kind kind = Record.Kind.of(buf.get());
            long seq = buf.getLong();
            int length = buf.getInt();
            if (kind == null || length < RecordCodec.OVERHEAD || length > RecordCodec.MAX_RECORD
                    || !RecordCodec.plausible(Record.marker(kind, seq))) {
                return null;
            }
            Entry entry;
            if (kind == Record.Kind.MESSAGE) {
                long timestamp = buf.getLong();
                int subject = buf.getInt();
                int headers = buf.getInt();
                if (subject < 0 || subject >= subjectCount || headers < 0) {
                    return null;
                }
                int payload = length - RecordCodec.OVERHEAD - subjectBytes[subject] - headers;
                if (payload < 0) {
                    return null;
                }
                entry = new Entry(kind, seq, timestamp, subjects[subject], headers, payload, offset, length);
            } else {
                entry = new Entry(kind, seq, 0, "", 0, length - RecordCodec.OVERHEAD, offset, length);
            }
            entries.add(entry);
            offset += length;
        }
        if (buf.hasRemaining() || offset != blockLength) {
            return null;
        }
        return new BlockIndex(blockLength, List.copyOf(entries));
    }

    /** Whether the block has, at the entry's place, a good record that is the one listed. */
    private boolean holds(MessageBlock block, Entry entry) throws IOException {
        byte[] data = block.read(entry.offset(), entry.length());
        Record record = RecordCodec.decode(data, 0, entry.length());
        return record != null && Entry.of(record, entry.offset(), entry.length()).equals(entry);
    }

    /** Collects the entries of the block being written, so it can be indexed when sealed. */
    static final class Builder {
        private final List<Entry> entries;
        private long length;

        Builder(List<Entry> recovered, long length) {
            this.entries = new ArrayList<>(recovered);
            this.length = length;
        }

        void add(Record record, long offset, int recordLength) {
            entries.add(Entry.of(record, offset, recordLength));
            length = offset + recordLength;
        }

        BlockIndex build() {
            return new BlockIndex(length, List.copyOf(entries));
        }
    }
}
