package io.wirehub.server.config;

import java.time.Duration;

/**
 * Every default in one place. The numbers are nats-server 2.10's (PROTOCOL.md §8), so a client
 * tuned for nats-server sees the same limits here.
 */
public final class Defaults {
    public static final String HOST = "0.0.0.0";
    public static final int PORT = 4222;
    /** nats-server's "pick any free port" value; 0 means the same. */
    public static final int RANDOM_PORT = -1;
    public static final int MAX_PAYLOAD = 1024 * 1024;
    /** Above this nats-server only warns; Wirehub does the same. */
    public static final int MAX_PAYLOAD_WARN = 8 * 1024 * 1024;
    public static final int MAX_CONTROL_LINE = 4096;
    public static final long MAX_PENDING = 64L * 1024 * 1024;
    public static final int MAX_CONNECTIONS = 64 * 1024;
    public static final int MAX_SUBSCRIPTIONS = 0;
    public static final Duration PING_INTERVAL = Duration.ofMinutes(2);
    public static final int PING_MAX = 2;
    public static final Duration WRITE_DEADLINE = Duration.ofSeconds(10);
    public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration LAME_DUCK_DURATION = Duration.ofMinutes(2);
    public static final Duration LAME_DUCK_GRACE_PERIOD = Duration.ofSeconds(10);
    public static final int MAX_CLOSED_CLIENTS = 10_000;
    /** The first PING after CONNECT comes this soon (plus up to 20 %), to measure RTT early. */
    public static final Duration FIRST_CLIENT_PING = Duration.ofSeconds(2);

    private Defaults() {
    }
}
