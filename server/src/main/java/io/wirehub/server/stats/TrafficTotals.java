package io.wirehub.server.stats;

/** Messages and payload bytes in and out, of one connection or one transport. */
public record TrafficTotals(long inMessages, long inBytes, long outMessages, long outBytes) {
    public static final TrafficTotals ZERO = new TrafficTotals(0, 0, 0, 0);

    /** Field by field, the larger of the two. */
    public TrafficTotals atLeast(TrafficTotals other) {
        return new TrafficTotals(Math.max(inMessages, other.inMessages), Math.max(inBytes, other.inBytes),
                Math.max(outMessages, other.outMessages), Math.max(outBytes, other.outBytes));
    }

    public TrafficTotals plus(TrafficTotals other) {
        return new TrafficTotals(inMessages + other.inMessages, inBytes + other.inBytes,
                outMessages + other.outMessages, outBytes + other.outBytes);
    }
}
