package io.wirehub.server.listen;

/** Host and port as URLs and logs write them. */
public final class Addresses {
    private Addresses() {
    }

    /** {@code host:port}, or {@code [v6]:port}. */
    public static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The address a client on this machine dials for a listener bound to {@code host}: loopback for a wildcard. */
    public static String connectable(String host) {
        return switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]", "::0" -> "::1";
            default -> host;
        };
    }

    /** Whether only this machine can reach a listener bound to {@code host} (a loopback address or "localhost"). */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }
}
