package io.wirehub.server.config;

import java.util.Objects;

/**
 * One entry of an account's {@code imports}: a stream or service another account exports, seen
 * here under the same subject, under {@code to}, or (a stream) under {@code prefix}.
 *
 * @param account the exporting account
 * @param subject the subject as the exporting account knows it
 * @param to      the local subject; null for the same as {@code subject} (or prefixed)
 * @param prefix  a stream's local prefix (a literal); null for none
 * @param share   a service: share request details for latency tracking (accepted, not used)
 * @param where   {@code file:line}, or ""
 */
public record ImportConfig(ExportConfig.Kind kind, String account, String subject, String to, String prefix,
                           boolean share, String where) {
    public ImportConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(where, "where");
    }

    public static ImportConfig stream(String account, String subject, String to) {
        return new ImportConfig(ExportConfig.Kind.STREAM, account, subject, to, null, false, "");
    }

    public static ImportConfig service(String account, String subject, String to) {
        return new ImportConfig(ExportConfig.Kind.SERVICE, account, subject, to, null, false, "");
    }

    /** The subject this account sees: {@code to}, the prefixed subject, or the subject itself. */
    public String localSubject() {
        if (to != null && !to.isEmpty()) {
            return to;
        }
        if (prefix != null && !prefix.isEmpty()) {
            return (prefix.endsWith(".") ? prefix : prefix + ".") + subject;
        }
        return subject;
    }
}
