package io.wirehub.cli.bench;

/** What one client did: messages, bytes and the time between its first and last. */
public record ClientRate(String role, int client, long messages, long bytes, long nanos) {
    public double messagesPerSecond() {
        return nanos <= 0 ? 0 : messages / (nanos / 1e9);
    }

    public double megabytesPerSecond() {
        return nanos <= 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
    }
}
