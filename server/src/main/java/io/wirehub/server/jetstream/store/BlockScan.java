package io.wirehub.server.jetstream.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The good records at the start of a block's bytes, up to the first damaged one. Recovery keeps
 * those and cuts the block at {@link #validEnd()}. A record is good when its length fits the bytes
 * that are there, its checksum matches, and its sequence is one the store can have written
 * ({@link RecordCodec#plausible}): a record that passes its checksum yet names sequence 0 or one
 * near overflow is damage all the same.
 *
 * @param length the file's length, which may be more than the bytes scanned (a file longer than
 *     any block is cut at the end of what was read)
 */
record BlockScan(List<Found> records, int validEnd, long length, long damagedSeq) {

    /** A good record and where it is. */
    record Found(Record record, int offset, int length) {
    }

    static BlockScan of(byte[] data) {
        return of(data, data.length);
    }

    /** Scans {@code data}, the first bytes of a file {@code fileLength} long. */
    static BlockScan of(byte[] data, long fileLength) {
        List<Found> records = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int length = RecordCodec.lengthAt(data, offset, data.length);
            Record record = length < 0 ? null : RecordCodec.decode(data, offset, length);
            if (record == null || !RecordCodec.plausible(record)) {
                return new BlockScan(records, offset, Math.max(fileLength, data.length), seqOfDamaged(data, offset));
            }
            records.add(new Found(record, offset, length));
            offset += length;
        }
        return new BlockScan(records, offset, Math.max(fileLength, data.length), -1);
    }

    /** The good records as recovery applies them. */
    List<BlockIndex.Entry> entries() {
        List<BlockIndex.Entry> entries = new java.util.ArrayList<>(records.size());
        for (Found found : records) {
            entries.add(BlockIndex.Entry.of(found.record(), found.offset(), found.length()));
        }
        return entries;
    }

    boolean damaged() {
        return validEnd < length;
    }

    /** Bytes after the last good record. */
    long cutBytes() {
        return length - validEnd;
    }

    /**
     * The sequence a damaged message record claims, when its header is all there and the sequence
     * is a possible one; -1 otherwise. Only a hint for the report: the bytes failed their checks.
     */
    private static long seqOfDamaged(byte[] data, int offset) {
        if (data.length - offset < 13 || data[offset + 4] != Record.Kind.MESSAGE.code) {
            return -1;
        }
        long seq = ByteBuffer.wrap(data, offset + 5, 8).getLong();
        return seq >= 1 && seq <= RecordCodec.MAX_SEQ ? seq : -1;
    }
}
