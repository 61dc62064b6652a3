package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.StringValue;

/**
 * The value of {@code listen}: a bare port ({@code 4222}), or {@code host:port} with IPv6 hosts in
 * brackets ({@code 127.0.0.1:-1}, {@code [::]:4222}, {@code :4222} for every address).
 *
 * @param host the host, or null when only a port was given (the host stays as it was)
 * @param port the port; -1 asks for any free port
 */
record ListenAddress(String host, int port) {

    static ListenAddress of(ConfigEntry entry) {
        if (entry.value() instanceof IntegerValue port) {
            if (port.value() > Integer.MAX_VALUE || port.value() < Integer.MIN_VALUE) {
                throw new InvalidValueException("could not parse port \"" + port.value() + "\"");
            }
            return new ListenAddress(null, (int) port.value());
        }
        if (entry.value() instanceof StringValue address) {
            return parse(address.value());
        }
        throw EntryValues.expected(entry, "a port or host:port");
    }

    static ListenAddress parse(String address) {
        String host;
        String port;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0 || close + 1 >= address.length() || address.charAt(close + 1) != ':') {
                throw cannotParse(address);
            }
            host = address.substring(1, close);
            port = address.substring(close + 2);
        } else {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw cannotParse(address);
            }
            host = address.substring(0, colon);
            port = address.substring(colon + 1);
            // An IPv6 address needs brackets, or its colons could not be told from the port's.
            if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
                throw cannotParse(address);
            }
        }
        if (port.indexOf(':') >= 0 || port.indexOf(']') >= 0) {
            throw cannotParse(address);
        }
        try {
            // An empty host means every address, which is the default host.
            return new ListenAddress(host.isEmpty() ? Defaults.HOST : host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new InvalidValueException("could not parse port \"" + port + "\"");
        }
    }

    private static InvalidValueException cannotParse(String address) {
        return new InvalidValueException("could not parse address string \"" + address + "\"");
    }
}
