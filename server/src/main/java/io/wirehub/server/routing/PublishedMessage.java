package io.wirehub.server.routing;

import java.nio.charset.StandardCharsets;

/**
 * A message being routed: views into the publisher's read buffers, not copies. One instance per
 * publishing connection is reused for every PUB/HPUB it reads, so a sink must copy what it keeps
 * before {@link MessageSink#deliver} returns.
 *
 * <p>Confined to the publishing connection's reader thread.
 */
public final class PublishedMessage {
    private MessageSink publisher;
    private byte[] line;
    private int subjectOffset;
    private int subjectLength;
    private int replyOffset;
    private int replyLength = -1;
    private byte[] data;
    private int dataOffset;
    private int headerLength;
    private int totalLength;
    private int headerSizeOffset;
    private int headerSizeLength = -1;
    private int totalSizeOffset;
    private int totalSizeLength = -1;
    /** How long the publisher may still pause for slow subscribers in this read batch. */
    private long stallBudgetNanos;

    /**
     * Points this flyweight at a new message.
     *
     * @param publisher     the sink of the publishing connection (for echo and no-responders)
     * @param line          array holding subject and reply
     * @param replyOffset   ignored when replyLength is negative
     * @param replyLength   negative when there is no reply subject
     * @param data          array holding header block and payload, back to back
     * @param headerLength  bytes of header block at the start of the data; 0 when none
     * @param totalLength   header bytes plus payload bytes
     */
    public void set(MessageSink publisher, byte[] line, int subjectOffset, int subjectLength,
                    int replyOffset, int replyLength, byte[] data, int dataOffset, int headerLength,
                    int totalLength) {
        this.publisher = publisher;
        this.line = line;
        this.subjectOffset = subjectOffset;
        this.subjectLength = subjectLength;
        this.replyOffset = replyOffset;
        this.replyLength = replyLength;
        this.data = data;
        this.dataOffset = dataOffset;
        this.headerLength = headerLength;
        this.totalLength = totalLength;
        this.headerSizeLength = -1;
        this.totalSizeLength = -1;
    }

    /**
     * Points at the size fields as the client wrote them in {@code line}; nats-server echoes those
     * exact digits in the MSG line it delivers. Lengths of -1 mean "not given": render the number.
     */
    public void setSizeDigits(int headerSizeOffset, int headerSizeLength, int totalSizeOffset, int totalSizeLength) {
        this.headerSizeOffset = headerSizeOffset;
        this.headerSizeLength = headerSizeLength;
        this.totalSizeOffset = totalSizeOffset;
        this.totalSizeLength = totalSizeLength;
    }

    public int headerSizeOffset() {
        return headerSizeOffset;
    }

    /** -1 when the digits are not available (render {@link #headerLength()} instead). */
    public int headerSizeLength() {
        return headerSizeLength;
    }

    public int totalSizeOffset() {
        return totalSizeOffset;
    }

    /** -1 when the digits are not available (render {@link #totalLength()} instead). */
    public int totalSizeLength() {
        return totalSizeLength;
    }

    /** Gives the publisher a fresh stall allowance; called at the start of each read batch. */
    public void resetStallBudget(long nanos) {
        stallBudgetNanos = nanos;
    }

    /** What is left of the publisher's stall allowance for this read batch. */
    public long stallBudgetNanos() {
        return stallBudgetNanos;
    }

    public void spendStall(long nanos) {
        stallBudgetNanos -= nanos;
    }

    public MessageSink publisher() {
        return publisher;
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

    public boolean hasReply() {
        return replyLength >= 0;
    }

    public int replyOffset() {
        return replyOffset;
    }

    public int replyLength() {
        return replyLength;
    }

    public byte[] data() {
        return data;
    }

    public int dataOffset() {
        return dataOffset;
    }

    /** Header block size in bytes; 0 when the message has no headers. */
    public int headerLength() {
        return headerLength;
    }

    public boolean hasHeaders() {
        return headerLength > 0;
    }

    /** Header bytes plus payload bytes (the HPUB total, or the PUB size). */
    public int totalLength() {
        return totalLength;
    }

    public int payloadLength() {
        return totalLength - headerLength;
    }

    /** The subject as text; allocates, so only for slow paths (logging, cache misses). */
    public String subject() {
        return new String(line, subjectOffset, subjectLength, StandardCharsets.ISO_8859_1);
    }

    /** The reply subject as text, or null; allocates. */
    public String reply() {
        return replyLength < 0 ? null : new String(line, replyOffset, replyLength, StandardCharsets.ISO_8859_1);
    }
}
