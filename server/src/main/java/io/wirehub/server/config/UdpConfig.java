package io.wirehub.server.config;

import java.util.Objects;

/**
 * The UDP listener ({@code udp { host port }}, {@code --udp [HOST:]PORT}): datagrams of PUB/HPUB
 * ops published as an internal client, and PING answered with PONG. Off unless a port is given,
 * and on loopback unless a host is given, because a datagram's source address proves nothing.
 *
 * @param host            address to bind
 * @param port            0 for off; -1 for any free port
 * @param ratePerSource   datagrams per second accepted from one source address (0: no limit)
 * @param publishAllowed  subjects UDP may publish to when authentication is on (empty: none)
 */
public record UdpConfig(String host, int port, int ratePerSource, java.util.List<String> publishAllowed) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Enough for a busy local sensor feed; a flood from one source stops here. */
    public static final int DEFAULT_RATE_PER_SOURCE = 10_000;
    public static final UdpConfig OFF = new UdpConfig(DEFAULT_HOST, 0, DEFAULT_RATE_PER_SOURCE, java.util.List.of());

    public UdpConfig {
        Objects.requireNonNull(host, "host");
        publishAllowed = java.util.List.copyOf(publishAllowed);
        if (ratePerSource < 0) {
            throw new IllegalArgumentException("rate_per_source cannot be negative");
        }
    }

    public boolean enabled() {
        return port != 0;
    }

    public UdpConfig withAddress(String newHost, int newPort) {
        return new UdpConfig(newHost == null ? host : newHost, newPort, ratePerSource, publishAllowed);
    }

    public UdpConfig withRatePerSource(int rate) {
        return new UdpConfig(host, port, rate, publishAllowed);
    }

    public UdpConfig withPublishAllowed(java.util.List<String> subjects) {
        return new UdpConfig(host, port, ratePerSource, subjects);
    }

    /**
     * Reads a command-line value: a port ({@code 4223}, {@code -1} for any free port) or
     * {@code host:port}.
     *
     * @throws ConfigException when it is neither
     */
    public static UdpConfig parse(String text) {
        try {
            if (text.indexOf(':') < 0) {
                return OFF.withAddress(null, Integer.parseInt(text.trim()));
            }
            ListenAddress address = ListenAddress.parse(text.trim());
            return OFF.withAddress(address.host(), address.port());
        } catch (NumberFormatException | InvalidValueException e) {
            throw new ConfigException("UDP address \"" + text + "\" is neither a port nor host:port");
        }
    }
}
