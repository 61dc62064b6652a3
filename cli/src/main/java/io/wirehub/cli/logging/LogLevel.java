package io.wirehub.cli.logging;

/** Levels in nats-server's order, with the three-letter tags its log lines carry. */
public enum LogLevel {
    TRACE("TRC", "trace"),
    DEBUG("DBG", "debug"),
    INFO("INF", "info"),
    WARN("WRN", "warn"),
    ERROR("ERR", "error");

    private final String tag;
    private final String jsonName;

    LogLevel(String tag, String jsonName) {
        this.tag = tag;
        this.jsonName = jsonName;
    }

    /** {@code INF}, {@code DBG}...: what appears in brackets in a text line. */
    public String tag() {
        return tag;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean enables(LogLevel other) {
        return other.ordinal() >= ordinal();
    }
}
