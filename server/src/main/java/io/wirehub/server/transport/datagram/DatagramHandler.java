package io.wirehub.server.transport.datagram;

import java.net.InetSocketAddress;

/**
 * What the UDP listener does with a datagram that passed the per-source rate limit. Called on the
 * listener's one thread only, so an implementation may reuse its buffers between calls.
 */
public interface DatagramHandler {

    /** How a datagram ended. */
    enum Outcome {
        /** Its ops were routed (and any PING answered). */
        ACCEPTED,
        /** Not whole, well-formed PUB/HPUB/PING ops: dropped, never answered. */
        MALFORMED,
        /** A subject UDP may not publish to: dropped, never answered. */
        REFUSED
    }

    /**
     * Handles one datagram, all of it or none of it.
     *
     * @param data   the datagram's bytes, valid only during the call
     * @param replies where to send answers (PONG) to the sender
     */
    Outcome handle(InetSocketAddress source, byte[] data, int length, Replies replies);

    /** Sends a reply datagram to the source of the datagram being handled. */
    interface Replies {
        void send(byte[] reply);
    }
}
