package io.wirehub.server.jetstream.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The record format of block files, little to nothing assumed about what is read back:
 * {@code [u32 length][u8 kind][u64 seq][u64 timestamp][u16 subject length][subject]
 * [u32 headers length][headers][payload][u32 CRC32C]}, big-endian. The length counts the whole
 * record; the checksum covers everything between the length and itself. Every length is checked
 * against the bytes that are really there before it is used, so a torn or flipped record is
 * reported as corrupt, never read past.
 */
final class RecordCodec {
    /** length + kind + seq + timestamp + subject length + headers length + checksum. */
    static final int OVERHEAD = 4 + 1 + 8 + 8 + 2 + 4 + 4;
    /** Far above any message a stream accepts; a larger length can only be damage. */
    static final int MAX_RECORD = 64 * 1024 * 1024;

    /**
     * The highest sequence a record may name. Far beyond any real stream, and low enough that
     * {@code lastSeq + 1} and the gaps recovery measures can never overflow.
     */
    static final long MAX_SEQ = 1L << 62;

    private RecordCodec() {
    }

    static ByteBuffer encode(Record record) {
        byte[] subject = record.subject().getBytes(StandardCharsets.UTF_8);
        int length = OVERHEAD + subject.length + record.headers().length + record.payload().length;
        if (subject.length > 0xFFFF || length > MAX_RECORD || length < 0) {
            throw new StoreException(StoreException.Kind.MSG_TOO_BIG);
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        buf.putInt(length).put(record.kind().code).putLong(record.seq()).putLong(record.timestampNanos())
                .putShort((short) subject.length).put(subject).putInt(record.headers().length)
                .put(record.headers()).put(record.payload());
        buf.putInt(checksum(buf.array(), 4, length - 8));
        return buf.flip();
    }

    static int checksum(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** The record's length if {@code data} from {@code offset} starts a plausible one, else -1. */
    static int lengthAt(byte[] data, int offset, int end) {
        if (end - offset < 4) {
            return -1;
        }
        int length = ByteBuffer.wrap(data, offset, 4).getInt();
        return length >= OVERHEAD && length <= MAX_RECORD && length <= end - offset ? length : -1;
    }

    /** Decodes the record at {@code offset} that is {@code length} bytes long; null if damaged. */
    static Record decode(byte[] data, int offset, int length) {
        if (length < OVERHEAD || offset + length > data.length) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(data, offset, length);
        if (buf.getInt() != length) {
            return null;
        }
        int stored = ByteBuffer.wrap(data, offset + length - 4, 4).getInt();
        if (stored != checksum(data, offset + 4, length - 8)) {
            return null;
        }
        Record.Kind kind = Record.Kind.of(buf.get());
        long seq = buf.getLong();
        long timestamp = buf.getLong();
        int subjectLength = Short.toUnsignedInt(buf.getShort());
        int room = length - OVERHEAD;
        if (kind == null || subjectLength > room) {
            return null;
        }
        String subject = new String(data, buf.position(), subjectLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + subjectLength);
        int headersLength = buf.getInt();
        if (headersLength < 0 || headersLength > room - subjectLength) {
            return null;
        }
        byte[] headers = new byte[headersLength];
        buf.get(headers);
        byte[] payload = new byte[room - subjectLength - headersLength];
        buf.get(payload);
        return new Record(kind, seq, timestamp, subject, headers, payload);
    }

    /**
     * Whether a record that passed its checksum names a sequence the store can have written:
     * messages, tombstones and first-sequence markers from 1, last-sequence markers from 0 (an
     * empty stream), all at most {@link #MAX_SEQ}.
     */
    static boolean plausible(Record record) {
        long lowest = record.kind() == Record.Kind.LAST ? 0 : 1;
        return record.seq() >= lowest && record.seq() <= MAX_SEQ;
    }

    /** Where a message record's headers start, relative to the record (for erase). */
    static int bodyOffset(int subjectLength) {
        return 4 + 1 + 8 + 8 + 2 + subjectLength + 4;
    }
}
