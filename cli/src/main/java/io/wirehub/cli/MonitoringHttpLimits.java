package io.wirehub.cli;

/**
 * Time limits for the monitoring port's HTTP connections. The JDK's HTTP server reads them from
 * JVM-wide system properties, so the serve process sets them (an embedding application keeps its
 * own): a client that trickles a request or never reads the answer is cut off instead of holding
 * a connection forever. Values already given with -D win.
 */
final class MonitoringHttpLimits {
    /** Seconds to send a whole request. */
    private static final String MAX_REQUEST_TIME = "10";
    /** Seconds to take a whole response. */
    private static final String MAX_RESPONSE_TIME = "30";
    /** Monitoring connections open at once; more wait in the accept backlog. */
    private static final String MAX_CONNECTIONS = "256";
    /** Idle keep-alive connections kept open at most. */
    private static final String MAX_IDLE_CONNECTIONS = "64";

    private MonitoringHttpLimits() {
    }

    static void apply() {
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_TIME);
        setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_TIME);
        setIfAbsent("sun.net.httpserver.maxIdleConnections", MAX_IDLE_CONNECTIONS);
        setIfAbsent("sun.net.httpserver.maxConnections", MAX_CONNECTIONS);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
