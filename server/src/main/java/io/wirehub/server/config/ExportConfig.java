package io.wirehub.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One entry of an account's {@code exports}: a stream (messages others may receive) or a service
 * (requests others may send), public or for the listed accounts only.
 *
 * @param accounts          the accounts that may import it; empty for everyone
 * @param responseType      for a service: how many responses a request gets
 * @param responseThreshold for a service: how long responses to one request are waited for
 * @param where             {@code file:line}, or ""
 */
public record ExportConfig(Kind kind, String subject, List<String> accounts, ResponseType responseType,
                           Duration responseThreshold, String where) {
    public enum Kind { STREAM, SERVICE }

    /** nats-server's response types: one response, a stream of them, or one response in chunks. */
    public enum ResponseType { SINGLETON, STREAM, CHUNKED }

    /** nats-server's default response threshold. */
    public static final Duration DEFAULT_RESPONSE_THRESHOLD = Duration.ofMinutes(2);

    public ExportConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(responseType, "responseType");
        Objects.requireNonNull(responseThreshold, "responseThreshold");
        Objects.requireNonNull(where, "where");
    }

    public static ExportConfig stream(String subject, List<String> accounts) {
        return new ExportConfig(Kind.STREAM, subject, accounts, ResponseType.SINGLETON, DEFAULT_RESPONSE_THRESHOLD, "");
    }

    public static ExportConfig service(String subject, List<String> accounts, ResponseType responseType) {
        return new ExportConfig(Kind.SERVICE, subject, accounts, responseType, DEFAULT_RESPONSE_THRESHOLD, "");
    }

    public boolean isPublic() {
        return accounts.isEmpty();
    }
}
