package io.wirehub.server.routing;

import io.wirehub.server.protocol.PublishArgs;
import java.nio.charset.StandardCharsets;

/**
 * A message being routed: who published it, its control line's parts ({@link PublishArgs}) and
 * its header block and payload, all views into the publisher's buffers rather than copies. One
 * instance per publishing connection is reused for every PUB/HPUB it reads, so a sink must copy
 * what it keeps before {@link MessageSink#deliver} returns.
 *
 * <p>Confined to the publishing connection's reader thread.
 */
public final class PublishedMessage {
    private MessageSink publisher;
    private PublishArgs args;
    private byte[] data;
    private int dataOffset;
    /** Whether data is this message's own array, never written again (a sink may keep it). */
    private boolean detached;
    /** How long the publisher may still pause for slow subscribers in this read batch. */
    private long stallBudgetNanos;
    /** The publisher's routing state for the route in progress: an import routes on with it. */
    private PublisherState routedBy;
    /** How many accounts this message crossed (imports) to get here; 0 as published. */
    private int hops;
    /** The subject routed on when it is not the message's own ({@link Router#routeTo}); else null. */
    private String destination;

    /**
     * Points this flyweight at a new message.
     *
     * @param data       array holding header block and payload, back to back
     * @param dataOffset where the header block (or, without headers, the payload) starts
     */
    public void set(MessageSink publisher, PublishArgs args, byte[] data, int dataOffset) {
        this.publisher = publisher;
        this.args = args;
        this.data = data;
        this.dataOffset = dataOffset;
        this.destination = null;
        this.detached = false;
    }

    /**
     * Marks {@link #data()} as an array of this message's own that nothing writes to after
     * delivery (a large payload the parser collected and then drops): a sink may keep a reference
     * to it, read-only, instead of copying. Reset by {@link #set}.
     */
    public void detached(boolean detached) {
        this.detached = detached;
    }

    /** Whether a sink may keep {@link #data()} rather than copy it (see {@link #detached(boolean)}). */
    public boolean dataDetached() {
        return detached;
    }

    /**
     * This message as another account sees it: the same header block and payload (not copied),
     * under another subject and reply, one hop further. For imports, which run on the publisher's
     * thread while this message is delivered.
     *
     * @param reply null for none
     */
    public PublishedMessage rewritten(String subject, String reply) {
        PublishArgs composed = new PublishArgs();
        composed.compose(subject, reply, args.headerLength(), args.totalLength());
        PublishedMessage copy = new PublishedMessage();
        copy.set(publisher, composed, data, dataOffset);
        copy.detached = detached;
        copy.stallBudgetNanos = stallBudgetNanos;
        copy.routedBy = routedBy;
        copy.hops = hops + 1;
        return copy;
    }

    /** The reply subject as text, or null; allocates. */
    public String reply() {
        return hasReply()
                ? new String(args.line(), args.replyOffset(), args.replyLength(), StandardCharsets.ISO_8859_1) : null;
    }

    /**
     * The subject this message was routed on: a consumer delivers a stored message to a reply or
     * deliver subject while it keeps its own subject ({@link Router#routeTo}); else the subject.
     */
    public String destination() {
        return destination != null ? destination : subject();
    }

    /** Whether it was routed on another subject than its own ({@link #destination()}). */
    public boolean routedElsewhere() {
        return destination != null;
    }

    void destination(String subject) {
        destination = subject;
    }

    /** Accounts crossed through imports; a guard against import loops that config checks missed. */
    public int hops() {
        return hops;
    }

    /** The routing state of the publisher whose route delivers this message now. */
    public PublisherState routedBy() {
        return routedBy;
    }

    void routedBy(PublisherState state) {
        routedBy = state;
    }

    public MessageSink publisher() {
        return publisher;
    }

    /** Subject, reply and size fields, as slices of the control line. */
    public PublishArgs args() {
        return args;
    }

    public byte[] data() {
        return data;
    }

    public int dataOffset() {
        return dataOffset;
    }

    public boolean hasReply() {
        return args.replyLength() >= 0;
    }

    public boolean hasHeaders() {
        return args.headerLength() > 0;
    }

    public int payloadLength() {
        return args.totalLength() - args.headerLength();
    }

    /** The subject as text; allocates, so only for slow paths (logging, cache misses). */
    public String subject() {
        return new String(args.line(), args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1);
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
}
