package io.wirehub.cli;

/**
 * What a JetStream delivery's reply subject says about it, as natscli's ParseJSMsgMetadata reads it:
 * {@code $JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>}, or the
 * longer form with domain and account hash in front (and a random token after, 2.10).
 */
record AckSubject(String stream, String consumer, long delivered, long streamSequence, long consumerSequence,
                  long pending) {

    /** Null when the reply is not a JetStream acknowledgement subject. */
    static AckSubject parse(String reply) {
        if (reply == null || !reply.startsWith("$JS.ACK.")) {
            return null;
        }
        String[] t = reply.split("\\.");
        int base;
        if (t.length == 9) {
            base = 2;
        } else if (t.length >= 11) {
            base = 4;
        } else {
            return null;
        }
        try {
            return new AckSubject(t[base], t[base + 1], Long.parseLong(t[base + 2]), Long.parseLong(t[base + 3]),
                    Long.parseLong(t[base + 4]), Long.parseLong(t[base + 6]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
