package io.wirehub.server.config;

/**
 * Socket options of one listener and of the connections it accepts ({@code socket_options {}} at
 * the top level for the client port, and inside {@code websocket {}} and {@code unix {}}).
 *
 * @param noDelay       TCP_NODELAY on accepted connections: NATS lines are small and latency counts
 * @param keepAlive     SO_KEEPALIVE on accepted connections (Go, and so nats-server, turns it on)
 * @param reuseAddress  SO_REUSEADDR on the listener, so a restarted server takes its port back at once
 * @param receiveBuffer SO_RCVBUF in bytes; 0 leaves the kernel's default (and its auto-tuning)
 * @param sendBuffer    SO_SNDBUF in bytes; 0 leaves the kernel's default
 * @param backlog       accept queue length: bursts of thousands of connects must not be refused
 */
public record SocketOptionsConfig(boolean noDelay, boolean keepAlive, boolean reuseAddress, int receiveBuffer,
        int sendBuffer, int backlog) {
    public static final SocketOptionsConfig DEFAULTS = new SocketOptionsConfig(true, true, true, 0, 0, 4096);

    public SocketOptionsConfig {
        if (receiveBuffer < 0 || sendBuffer < 0) {
            throw new IllegalArgumentException("socket buffer sizes cannot be negative");
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
        }
    }

    public SocketOptionsConfig withBuffers(int receive, int send) {
        return new SocketOptionsConfig(noDelay, keepAlive, reuseAddress, receive, send, backlog);
    }
}
