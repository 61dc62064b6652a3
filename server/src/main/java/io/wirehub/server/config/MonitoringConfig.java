package io.wirehub.server.config;

/**
 * The HTTP monitoring listener ({@code http:}, {@code http_port:}, {@code -m}): off unless a port
 * is given, and bound where nats-server binds it, the client port's host, unless an address is
 * given. The server warns when that is not loopback, because /connz shows client addresses and
 * names to whoever can reach it.
 *
 * <p>With {@code https_port} (or {@code https: host:port}) it serves HTTPS with the client port's
 * {@code tls {}} certificate instead, as nats-server does; a server has one or the other.
 *
 * @param host  address to bind; null until built: the client port's host
 * @param port  0 for no monitoring; -1 for any free port
 * @param https whether the port serves HTTPS
 */
public record MonitoringConfig(String host, int port, boolean https) {
    public MonitoringConfig(String host, int port) {
        this(host, port, false);
    }

    /** Off; its host, when a port is given without one, is the client port's (nats-server's http_host). */
    public static final MonitoringConfig OFF = new MonitoringConfig(null, 0);

    public boolean enabled() {
        return port != 0;
    }

    /** The same listener on another port, host and scheme kept. */
    public MonitoringConfig withPort(int newPort) {
        return new MonitoringConfig(host, newPort, https);
    }

    /** The same listener serving HTTPS on {@code newPort}. */
    public MonitoringConfig withHttpsPort(int newPort) {
        return new MonitoringConfig(host, newPort, true);
    }

    /** This listener bound to {@code clientHost} when no host of its own was given. */
    public MonitoringConfig onHostOrDefault(String clientHost) {
        return host != null ? this : new MonitoringConfig(clientHost, port, https);
    }

    /** "http" or "https". */
    public String scheme() {
        return https ? "https" : "http";
    }

    /**
     * Reads a command-line value: a port ({@code 8222}, {@code -1} for any free port) or
     * {@code host:port} ({@code 0.0.0.0:8222}, {@code [::1]:8222}).
     *
     * @throws ConfigException when it is neither
     */
    public static MonitoringConfig parse(String text) {
        try {
            if (text.indexOf(':') < 0) {
                return new MonitoringConfig(null, Integer.parseInt(text.trim()));
            }
            ListenAddress address = ListenAddress.parse(text.trim());
            return new MonitoringConfig(address.host(), address.port());
        } catch (NumberFormatException | InvalidValueException e) {
            throw new ConfigException("monitoring address \"" + text + "\" is neither a port nor host:port");
        }
    }
}
