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
        return encode(record, ByteBuffer::allocate);
    }

    /**
     * Encodes {@code record} into a buffer from {@code buffers} (given the record's length, it
     * returns a cleared buffer of at least that many bytes), ready to be written: position 0,
     * limit the record's length.
     */
    static ByteBuffer encode(Record record, java.util.function.IntFunction<ByteBuffer> buffers) {
        byte[] subject = record.subject().getBytes(StandardCharsets.UTF_8);
        int length = OVERHEAD + subject.length + record.headers().length + record.payload().length;
        if (subject.length > 0xFFFF || length > MAX_RECORD || length < 0) {
            throw new StoreException(StoreException.Kind.MSG_TOO_BIG);
        }
        ByteBuffer buf = buffers.apply(length);
        buf.clear();
        buf.putInt(length).put(record.kind().code).putLong(record.seq()).putLong(record.timestampNanos())
                .putShort((short) subject.length).put(subject).putInt(record.headers().length)
                .put(record.headers()).put(record.payload());
        buf.putInt(checksum(buf, 4, length - 8));
        return buf.flip();
    }

    static int checksum(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** The checksum of {@code length} bytes of {@code data} from index {@code offset} (absolute; heap or direct). */
    static int checksum(ByteBuffer data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data.slice(offset, length));
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
        return decode(ByteBuffer.wrap(data), offset, length);
    }

    /**
     * Decodes the record at index {@code offset} of {@code data} (absolute, up to its limit; heap
     * or direct) that is {@code length} bytes long; null if damaged. Headers and payload are
     * copied out once, straight from {@code data}.
     */
    static Record decode(ByteBuffer data, int offset, int length) {
        if (length < OVERHEAD || offset < 0 || offset > data.limit() - length) {
            return null;
        }
        if (data.getInt(offset) != length) {
            return null;
        }
        int stored = data.getInt(offset + length - 4);
        if (stored != checksum(data, offset + 4, length - 8)) {
            return null;
        }
        Record.Kind kind = Record.Kind.of(data.get(offset + 4));
        long seq = data.getLong(offset + 5);
        long timestamp = data.getLong(offset + 13);
        int subjectLength = Short.toUnsignedInt(data.getShort(offset + 21));
        int room = length - OVERHEAD;
        if (kind == null || subjectLength > room) {
            return null;
        }
        int at = offset + 23;
        String subject;
        if (data.hasArray()) {
            subject = new String(data.array(), data.arrayOffset() + at, subjectLength, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[subjectLength];
            data.get(at, bytes);
            subject = new String(bytes, StandardCharsets.UTF_8);
        }
        at += subjectLength;
        int headersLength = data.getInt(at);
        at += 4;
        if (headersLength < 0 || headersLength > room - subjectLength) {
            return null;
        }
        byte[] headers = new byte[headersLength];
        data.get(at, headers);
        at += headersLength;
        byte[] payload = new byte[room - subjectLength - headersLength];
        data.get(at, payload);
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
