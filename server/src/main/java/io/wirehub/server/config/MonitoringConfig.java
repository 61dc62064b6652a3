package io.wirehub.server.config;

/**
 * The HTTP monitoring listener ({@code http:}, {@code http_port:}, {@code -m}): off unless a port
 * is given, and bound to loopback unless an address is given, because /connz shows client
 * addresses and names to whoever can reach it.
 *
 * @param host address to bind
 * @param port 0 for no monitoring; -1 for any free port
 */
public record MonitoringConfig(String host, int port) {
    /** Loopback: monitoring data stays on the machine unless the operator says otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final MonitoringConfig OFF = new MonitoringConfig(DEFAULT_HOST, 0);

    public boolean enabled() {
        return port != 0;
    }

    /** The same listener on another port, host kept. */
    public MonitoringConfig withPort(int newPort) {
        return new MonitoringConfig(host, newPort);
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
                return new MonitoringConfig(DEFAULT_HOST, Integer.parseInt(text.trim()));
            }
            ListenAddress address = ListenAddress.parse(text.trim());
            return new MonitoringConfig(address.host(), address.port());
        } catch (NumberFormatException | InvalidValueException e) {
            throw new ConfigException("monitoring address \"" + text + "\" is neither a port nor host:port");
        }
    }
}
