package io.wirehub.server.protocol;

/**
 * Byte-driven parser for the client side of the NATS protocol. Feed it whatever a read returned;
 * it calls the {@link OpHandler} for each complete operation, with slices of the caller's buffer
 * wherever the operation lies wholly inside it. Only a control line or payload that straddles two
 * reads is copied, into buffers whose size is bounded by max_control_line and max_payload.
 *
 * <p>Leniency follows nats-server (PROTOCOL.md §1.2): op names in any case, runs of spaces and
 * tabs, a bare LF as line end, anything after PING/PONG/+OK ignored up to the LF.
 *
 * <p>Not thread-safe: one parser per connection, used by its reader only.
 */
public final class ProtocolParser {
    // Parser states.
    private static final int OP_START = 0;
    private static final int OP_NAME = 1;
    /** After PUB, HPUB, SUB, UNSUB and -ERR a space or tab is mandatory. */
    private static final int OP_SPACE = 2;
    private static final int ARG_SPACE = 3;
    private static final int ARG = 4;
    /** PING, PONG and +OK: everything up to the LF is ignored. */
    private static final int IGNORE_TO_LF = 5;
    private static final int PAYLOAD = 6;
    private static final int PAYLOAD_CR = 7;
    private static final int PAYLOAD_LF = 8;

    private final OpHandler handler;
    private final PublishArgs publishArgs = new PublishArgs();
    private final ArgumentSplitter splitter = new ArgumentSplitter();
    private final ControlLineBuffer pendingLine;
    private final PayloadBuffer pendingPayload = new PayloadBuffer();

    private int maxControlLine;
    private int maxPayload;
    private boolean headersEnabled;
    private boolean connectRequired;

    private int state = OP_START;
    private Op op;
    private int opNameIndex;
    /**
     * Where the current argument's bytes start in the buffer being parsed. When the argument began
     * in an earlier read, its first part is already in {@link #pendingLine}.
     */
    private int argStart;
    /** A CR was seen in the current argument: nats-server then drops the byte before the LF. */
    private boolean argSawCr;

    public ProtocolParser(OpHandler handler, int maxControlLine, int maxPayload) {
        this.handler = handler;
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
        this.pendingLine = new ControlLineBuffer();
    }

    /** Allows HPUB; until then an HPUB closes the connection (headers not negotiated). */
    public void headersEnabled(boolean enabled) {
        headersEnabled = enabled;
    }

    /** While set, any op other than CONNECT is an authorization violation. */
    public void connectRequired(boolean required) {
        connectRequired = required;
    }

    public void maxPayload(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    public int maxPayload() {
        return maxPayload;
    }

    /** True between operations: nothing partial is held. */
    public boolean isIdle() {
        return state == OP_START;
    }

    /**
     * Parses {@code length} bytes of {@code buf} from {@code offset}. The bytes are not referenced
     * after this returns.
     *
     * @throws ProtocolViolation when the input must end the connection; the parser is then unusable
     */
    public void parse(byte[] buf, int offset, int length) throws ProtocolViolation {
        final int end = offset + length;
        int i = offset;
        if (state == ARG) {
            argStart = offset;
        }
        while (i < end) {
            byte b = buf[i];
            switch (state) {
                case OP_START -> startOp(b);
                case OP_NAME -> matchOpName(b);
                case OP_SPACE -> {
                    if (b != ' ' && b != '\t') {
                        throw unknownOp();
                    }
                    state = ARG_SPACE;
                }
                case ARG_SPACE -> {
                    if (b != ' ' && b != '\t') {
                        // Like nats-server, the first argument byte is taken as is, even a CR or LF.
                        state = ARG;
                        argStart = i;
                        argSawCr = false;
                        pendingLine.clear();
                    }
                }
                case ARG -> {
                    i = scanArgument(buf, i, end);
                    continue;
                }
                case IGNORE_TO_LF -> {
                    if (b == '\n') {
                        finishArgumentlessOp();
                    }
                }
                case PAYLOAD -> {
                    i = collectPayload(buf, i, end);
                    continue;
                }
                case PAYLOAD_CR -> {
                    if (b != '\r') {
                        throw unknownOp();
                    }
                    state = PAYLOAD_LF;
                }
                case PAYLOAD_LF -> {
                    if (b != '\n') {
                        throw unknownOp();
                    }
                    state = OP_START;
                    if (pendingPayload.dropsArray()) {
                        handler.onPublishDetached(publishArgs, pendingPayload.array(), 0);
                    } else {
                        handler.onPublish(publishArgs, pendingPayload.array(), 0);
                    }
                    pendingPayload.release();
                }
                default -> throw new IllegalStateException("parser state " + state);
            }
            i++;
        }
        if (state == ARG) {
            appendPendingLine(buf, argStart, end);
        }
    }

    private void startOp(byte b) throws ProtocolViolation {
        if (connectRequired && b != 'C' && b != 'c') {
            throw new ProtocolViolation(ProtocolError.AUTHORIZATION_VIOLATION, "expected CONNECT first");
        }
        op = Op.forFirstByte(b);
        if (op == null) {
            throw unknownOp();
        }
        opNameIndex = 1;
        state = OP_NAME;
    }

    private void matchOpName(byte b) throws ProtocolViolation {
        byte upper = (b >= 'a' && b <= 'z') ? (byte) (b - 32) : b;
        if (op == Op.P_ANY) {
            op = Op.forSecondByteAfterP(upper);
            if (op == null) {
                throw unknownOp();
            }
        } else if (op.name[opNameIndex] != upper) {
            throw unknownOp();
        }
        if (++opNameIndex == op.name.length) {
            state = switch (op.after) {
                case SPACE_REQUIRED -> OP_SPACE;
                case SPACE_OPTIONAL -> ARG_SPACE;
                case IGNORE_REST -> IGNORE_TO_LF;
            };
        }
    }

    private void finishArgumentlessOp() throws ProtocolViolation {
        state = OP_START;
        switch (op) {
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            default -> {
                // +OK from a client is consumed silently.
            }
        }
    }

    /** Scans the argument for its LF; returns the index to continue from. */
    private int scanArgument(byte[] buf, int from, int end) throws ProtocolViolation {
        for (int i = from; i < end; i++) {
            byte b = buf[i];
            if (b == '\n') {
                if (pendingLine.isEmpty()) {
                    int lineEnd = argSawCr ? i - 1 : i;
                    return finishLine(buf, argStart, lineEnd, buf, i + 1, end);
                }
                appendPendingLine(buf, argStart, i);
                pendingLine.dropLast(argSawCr);
                return finishLine(pendingLine.array(), 0, pendingLine.length(), buf, i + 1, end);
            }
            if (b == '\r') {
                argSawCr = true;
            }
        }
        return end;
    }

    private void appendPendingLine(byte[] buf, int from, int to) throws ProtocolViolation {
        int effective = pendingLine.length() + (to - from) - (argSawCr ? 1 : 0);
        if (effective > maxControlLine) {
            throw controlLineExceeded();
        }
        pendingLine.append(buf, from, to - from);
    }

    /**
     * A whole control line is in {@code line[from, to)}; {@code buf[next, end)} is what follows it
     * in the current read. Returns the index of {@code buf} to continue from.
     */
    private int finishLine(byte[] line, int from, int to, byte[] buf, int next, int end) throws ProtocolViolation {
        int length = to - from;
        if (length > maxControlLine) {
            throw controlLineExceeded();
        }
        state = OP_START;
        switch (op) {
            case CONNECT -> handler.onConnect(line, from, length);
            case INFO -> handler.onInfo(line, from, length);
            case ERR -> handler.onClientError(line, from, length);
            case SUB -> subscribe(line, from, to);
            case UNSUB -> unsubscribe(line, from, to);
            case PUB, HPUB -> {
                return startPayload(line, from, to, buf, next, end);
            }
            default -> throw new IllegalStateException("op with arguments " + op);
        }
        return next;
    }

    private void subscribe(byte[] line, int from, int to) throws ProtocolViolation {
        int count = splitter.split(line, from, to, true, 3);
        if (count == 2) {
            handler.onSubscribe(line, splitter.offset(0), splitter.length(0), 0, -1,
                    splitter.offset(1), splitter.length(1));
        } else if (count == 3) {
            handler.onSubscribe(line, splitter.offset(0), splitter.length(0), splitter.offset(1),
                    splitter.length(1), splitter.offset(2), splitter.length(2));
        } else {
            throw malformed("SUB needs 2 or 3 arguments");
        }
    }

    private void unsubscribe(byte[] line, int from, int to) throws ProtocolViolation {
        int count = splitter.split(line, from, to, true, 2);
        if (count == 1) {
            handler.onUnsubscribe(line, splitter.offset(0), splitter.length(0), -1);
        } else if (count == 2) {
            long max = Ascii.parseSize(line, splitter.offset(1), splitter.length(1));
            handler.onUnsubscribe(line, splitter.offset(0), splitter.length(0), max);
        } else {
            throw malformed("UNSUB needs 1 or 2 arguments");
        }
    }

    /** Returns the index of {@code buf} to continue from. */
    private int startPayload(byte[] line, int from, int to, byte[] buf, int next, int end) throws ProtocolViolation {
        if (op == Op.HPUB) {
            readHeaderPublishArgs(line, from, to);
        } else {
            readPublishArgs(line, from, to);
        }
        int total = publishArgs.totalLength();
        if (end - next >= total + 2) {
            // The whole message is in this read: hand it over without copying.
            if (buf[next + total] != '\r' || buf[next + total + 1] != '\n') {
                throw unknownOp();
            }
            handler.onPublish(publishArgs, buf, next);
            return next + total + 2;
        }
        // The message continues in a later read: keep the line, collect the payload.
        if (line == buf) {
            pendingLine.replaceWith(line, from, to - from);
            publishArgs.rebase(pendingLine.array(), -from);
        }
        pendingPayload.start(total);
        state = PAYLOAD;
        return next;
    }

    private void readPublishArgs(byte[] line, int from, int to) throws ProtocolViolation {
        int count = splitter.split(line, from, to, false, 3);
        if (count != 2 && count != 3) {
            throw malformed("PUB needs 2 or 3 arguments");
        }
        int sizeIndex = count - 1;
        int size = Ascii.parseSize(line, splitter.offset(sizeIndex), splitter.length(sizeIndex));
        if (size < 0) {
            throw malformed("PUB has a bad or missing size");
        }
        checkMaxPayload(size);
        publishArgs.set(line, splitter.offset(0), splitter.length(0),
                count == 3 ? splitter.offset(1) : 0, count == 3 ? splitter.length(1) : -1,
                0, -1, splitter.offset(sizeIndex), splitter.length(sizeIndex), 0, size);
    }

    private void readHeaderPublishArgs(byte[] line, int from, int to) throws ProtocolViolation {
        if (!headersEnabled) {
            throw malformed("HPUB without headers negotiated in CONNECT");
        }
        int count = splitter.split(line, from, to, false, 4);
        if (count != 3 && count != 4) {
            throw malformed("HPUB needs 3 or 4 arguments");
        }
        int headerIndex = count - 2;
        int totalIndex = count - 1;
        int header = Ascii.parseSize(line, splitter.offset(headerIndex), splitter.length(headerIndex));
        int total = Ascii.parseSize(line, splitter.offset(totalIndex), splitter.length(totalIndex));
        if (header < 0 || total < 0) {
            throw malformed("HPUB has a bad or missing size");
        }
        if (header > total) {
            throw malformed("HPUB header size larger than total size");
        }
        checkMaxPayload(total);
        publishArgs.set(line, splitter.offset(0), splitter.length(0),
                count == 4 ? splitter.offset(1) : 0, count == 4 ? splitter.length(1) : -1,
                splitter.offset(headerIndex), splitter.length(headerIndex),
                splitter.offset(totalIndex), splitter.length(totalIndex), header, total);
    }

    private void checkMaxPayload(int size) throws ProtocolViolation {
        if (size > maxPayload) {
            throw new ProtocolViolation(ProtocolError.MAX_PAYLOAD,
                    "payload of " + size + " bytes is over max_payload " + maxPayload);
        }
    }

    /** Copies payload bytes of a message that straddles reads; returns where to continue. */
    private int collectPayload(byte[] buf, int from, int end) {
        int copied = pendingPayload.fill(buf, from, end - from);
        if (pendingPayload.isFull()) {
            state = PAYLOAD_CR;
        }
        return from + copied;
    }

    private ProtocolViolation unknownOp() {
        return new ProtocolViolation(ProtocolError.UNKNOWN_OPERATION, "unknown protocol operation");
    }

    private ProtocolViolation controlLineExceeded() {
        return new ProtocolViolation(ProtocolError.MAX_CONTROL_LINE,
                "control line over max_control_line " + maxControlLine);
    }

    private static ProtocolViolation malformed(String detail) {
        return new ProtocolViolation(ProtocolError.MALFORMED, detail);
    }
}
