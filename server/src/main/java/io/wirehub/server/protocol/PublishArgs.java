package io.wirehub.server.protocol;

/**
 * The parts of a PUB or HPUB control line, as slices of {@link #line()}. One instance per parser,
 * refilled for every message: valid only during {@link OpHandler#onPublish}. A message the server
 * makes itself gets its line {@linkplain #compose composed} instead, never formatted and parsed.
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
    /** The line {@link #compose} writes into; grows to the longest composed. */
    private byte[] composed;

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

    /**
     * Fills these args for a message the server publishes itself: the control line's arguments
     * ({@code subject [reply] [header-size] total-size}) are written into an array of this
     * instance's, and the slices point into it, as the parser's would.
     *
     * @param reply        null for none
     * @param headerLength 0 for a message without headers (a PUB), else the header block's size
     * @param totalLength  header block plus payload bytes
     * @throws IllegalArgumentException for a subject or reply that is empty or holds white space
     *         or control characters (it could not be delivered as one MSG argument)
     */
    public void compose(String subject, String reply, int headerLength, int totalLength) {
        requireToken(subject, "subject");
        if (reply != null) {
            requireToken(reply, "reply subject");
        }
        if (headerLength < 0 || totalLength < headerLength) {
            throw new IllegalArgumentException("sizes " + headerLength + "/" + totalLength);
        }
        int size = subject.length() + (reply == null ? 0 : reply.length() + 1)
                + (headerLength > 0 ? Ascii.digits(headerLength) + 1 : 0) + 1 + Ascii.digits(totalLength);
        if (composed == null || composed.length < size) {
            composed = new byte[Math.max(size, 128)];
        }
        byte[] out = composed;
        int at = putChars(subject, out, 0);
        int replyAt = -1;
        if (reply != null) {
            out[at++] = ' ';
            replyAt = at;
            at = putChars(reply, out, at);
        }
        int headerSizeAt = -1;
        int headerSizeDigits = -1;
        if (headerLength > 0) {
            out[at++] = ' ';
            headerSizeAt = at;
            headerSizeDigits = Ascii.digits(headerLength);
            at += headerSizeDigits;
            Ascii.writeDigits(headerLength, out, at);
        }
        out[at++] = ' ';
        int totalDigits = Ascii.digits(totalLength);
        Ascii.writeDigits(totalLength, out, at + totalDigits);
        set(out, 0, subject.length(), Math.max(replyAt, 0), reply == null ? -1 : reply.length(),
                Math.max(headerSizeAt, 0), headerSizeDigits, at, totalDigits, headerLength, totalLength);
    }

    private static void requireToken(String value, String what) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > 0xff) {
                throw new IllegalArgumentException("invalid " + what + " \"" + value + "\"");
            }
        }
    }

    /** Subjects hold one byte per char (ISO-8859-1), so each char is written as its byte. */
    private static int putChars(String s, byte[] out, int at) {
        for (int i = 0; i < s.length(); i++) {
            out[at++] = (byte) s.charAt(i);
        }
        return at;
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
