package io.wirehub.server.jetstream.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The good records at the start of a block's bytes, up to the first damaged one. Recovery keeps
 * those and cuts the block at {@link #validEnd()}.
 */
record BlockScan(List<Found> records, int validEnd, int length, long damagedSeq) {

    /** A good record and where it is. */
    record Found(Record record, int offset, int length) {
    }

    static BlockScan of(byte[] data) {
        List<Found> records = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int length = RecordCodec.lengthAt(data, offset, data.length);
            Record record = length < 0 ? null : RecordCodec.decode(data, offset, length);
            if (record == null) {
                return new BlockScan(records, offset, data.length, seqOfDamaged(data, offset));
            }
            records.add(new Found(record, offset, length));
            offset += length;
        }
        return new BlockScan(records, offset, data.length, -1);
    }

    boolean damaged() {
        return validEnd < length;
    }

    /**
     * The sequence a damaged message record claims, when its header is all there; -1 otherwise.
     * Only a hint for the report: the bytes failed their checksum.
     */
    private static long seqOfDamaged(byte[] data, int offset) {
        if (data.length - offset < 13 || data[offset + 4] != Record.Kind.MESSAGE.code) {
            return -1;
        }
        return ByteBuffer.wrap(data, offset + 5, 8).getLong();
    }
}
