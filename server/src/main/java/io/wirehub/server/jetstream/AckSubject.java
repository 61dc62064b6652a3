package io.wirehub.server.jetstream;

/**
 * The reply subject of a delivered message, nats-server 2.10's 9-token form:
 * {@code $JS.ACK.<stream>.<consumer>.<delivery count>.<stream seq>.<consumer seq>.<timestamp>.<pending>}.
 */
final class AckSubject {
    static final String PREFIX = "$JS.ACK.";

    /** The sequences an ack names. */
    record Parsed(long deliveries, long streamSeq, long consumerSeq) {
    }

    private AckSubject() {
    }

    static String prefix(String stream, String consumer) {
        return PREFIX + stream + "." + consumer + ".";
    }

    static String of(String prefix, long deliveries, long streamSeq, long consumerSeq, long timestamp, long pending) {
        return prefix + deliveries + "." + streamSeq + "." + consumerSeq + "." + timestamp + "." + pending;
    }

    /** The five tokens after the prefix, or null when they are not five numbers. */
    static Parsed parse(String subject, String prefix) {
        if (!subject.startsWith(prefix)) {
            return null;
        }
        String[] t = subject.substring(prefix.length()).split("\\.");
        if (t.length != 5) {
            return null;
        }
        try {
            return new Parsed(Long.parseUnsignedLong(t[0]), Long.parseUnsignedLong(t[1]), Long.parseUnsignedLong(t[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
