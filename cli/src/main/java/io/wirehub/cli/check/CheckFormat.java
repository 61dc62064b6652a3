package io.wirehub.cli.check;

/** How {@code server check} prints its result. */
public enum CheckFormat {
    /** One Nagios plugin line: status, details, then perf data after a pipe. */
    NAGIOS,
    /** A JSON object, for scripts. */
    JSON,
    /** Prometheus text, for node_exporter's textfile collector. */
    PROMETHEUS,
    /** Lines for people. */
    TEXT
}
