package io.wirehub.server.protocol;

/**
 * The parts of a PUB or HPUB control line, as slices of {@link #line()}. One instance per parser,
 * refilled for every message: valid only during {@link OpHandler#onPublish}.
 *
 * <p>The size fields are kept as the client wrote them because nats-server echoes those exact
 * digits in the MSG line it delivers (a client that sends {@code 05} receives {@code 05}).
 */
public final class PublishArgs {
    private byte[] line;
    private int subjectOffset;
    private int subjectLength;
    private int replyOffset;
    private int replyLength = -1;
    private int headerSizeOffset;
    private int headerSizeLength = -1;
    private int totalSizeOffset;
    private int totalSizeLength;
    private int headerLength;
    private int totalLength;

    void set(byte[] line, int subjectOffset, int subjectLength, int replyOffset, int replyLength,
             int headerSizeOffset, int headerSizeLength, int totalSizeOffset, int totalSizeLength,
             int headerLength, int totalLength) {
        this.line = line;
        this.subjectOffset = subjectOffset;
        this.subjectLength = subjectLength;
        this.replyOffset = replyOffset;
        this.replyLength = replyLength;
        this.headerSizeOffset = headerSizeOffset;
        this.headerSizeLength = headerSizeLength;
        this.totalSizeOffset = totalSizeOffset;
        this.totalSizeLength = totalSizeLength;
        this.headerLength = headerLength;
        this.totalLength = totalLength;
    }

    /** Moves every slice by the same distance into another array (the line was copied there). */
    void rebase(byte[] newLine, int shift) {
        line = newLine;
        subjectOffset += shift;
        replyOffset += shift;
        headerSizeOffset += shift;
        totalSizeOffset += shift;
    }

    public byte[] line() {
        return line;
    }

    public int subjectOffset() {
        return subjectOffset;
    }

    public int subjectLength() {
        return subjectLength;
    }

    public int replyOffset() {
        return replyOffset;
    }

    /** -1 when the message has no reply subject. */
    public int replyLength() {
        return replyLength;
    }

    public boolean isHeaderPublish() {
        return headerSizeLength >= 0;
    }

    public int headerSizeOffset() {
        return headerSizeOffset;
    }

    /** -1 for a PUB. */
    public int headerSizeLength() {
        return headerSizeLength;
    }

    public int totalSizeOffset() {
        return totalSizeOffset;
    }

    public int totalSizeLength() {
        return totalSizeLength;
    }

    /** Bytes of header block; 0 for a PUB (and for an HPUB announcing 0). */
    public int headerLength() {
        return headerLength;
    }

    /** Header plus payload bytes. */
    public int totalLength() {
        return totalLength;
    }
}
