package io.wirehub.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.config.AccountConfig;
import io.wirehub.server.config.AccountLimitsConfig;
import io.wirehub.server.config.ExportConfig;
import io.wirehub.server.config.ImportConfig;
import io.wirehub.server.config.PermissionsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An account JWT (issuer: a trusted operator or one of its signing keys), turned into what the
 * rest of the server already knows: an {@link AccountConfig} named by the account's public key, so
 * the {@code account} package serves JWT accounts exactly as configured ones.
 *
 * @param signingKeys        keys that may issue the account's users: each maps to its scope's
 *                           permissions template (a scoped signing key), or to null (a plain key)
 * @param revocations        user public key (or "*") to the Unix second before which its JWTs are revoked
 * @param defaultPermissions {@code default_permissions}, or null when it sets none
 * @param disallowBearer     {@code limits.disallow_bearer}
 */
public record AccountClaims(Jwt jwt, AccountConfig config, Map<String, PermissionsConfig> signingKeys,
                            Map<String, Long> revocations, PermissionsConfig defaultPermissions,
                            boolean disallowBearer) {

    /** nats-io/jwt's "all users" revocation key. */
    static final String ALL = "*";

    /** Decodes an account JWT; whether its issuer is trusted is checked by {@link TrustedOperators}. */
    public static AccountClaims decode(String text) throws Jwt.InvalidJwtException {
        Jwt jwt = Jwt.decode(text, "account");
        if (NkeyCodec.prefixOf(jwt.subject()) != NkeyCodec.ACCOUNT) {
            throw new Jwt.InvalidJwtException("not an account claim");
        }
        JsonNode nats = jwt.nats();
        // A plain signing key maps to null (no scope), so not Map.copyOf, which refuses nulls.
        Map<String, PermissionsConfig> keys = new HashMap<>();
        for (JsonNode key : nats.path("signing_keys")) {
            if (key.isTextual()) {
                keys.put(key.asText(), null);
            } else if (key.isObject() && key.path("kind").asText().equals("user_scope")) {
                keys.put(key.path("key").asText(), JwtPermissions.of(key.path("template")));
            }
        }
        Map<String, Long> revocations = new HashMap<>();
        nats.path("revocations").properties().forEach(e -> revocations.put(e.getKey(), e.getValue().asLong()));
        JsonNode defaults = nats.path("default_permissions");
        PermissionsConfig defaultPermissions = defaults.isObject() && !JwtPermissions.isEmpty(defaults)
                ? JwtPermissions.of(defaults) : null;
        JsonNode limits = nats.path("limits");
        AccountConfig config = new AccountConfig(jwt.subject(), exports(nats.path("exports")),
                imports(nats.path("imports")), List.of(), new AccountLimitsConfig(limit(limits, "conn"),
                limit(limits, "subs"), limit(limits, "payload")), "account JWT " + jwt.subject());
        return new AccountClaims(jwt, config, java.util.Collections.unmodifiableMap(keys), Map.copyOf(revocations), defaultPermissions,
                limits.path("disallow_bearer").asBoolean(false));
    }

    /** A JWT limit: -1 (or absent) for none; clamped to int. */
    private static int limit(JsonNode limits, String name) {
        long value = limits.path(name).asLong(-1);
        return value < 0 ? -1 : (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static List<ExportConfig> exports(JsonNode exports) {
        List<ExportConfig> out = new ArrayList<>();
        for (JsonNode export : exports) {
            String subject = export.path("subject").asText();
            // Token-required exports are private: with no accounts listed they would be public, so
            // they name a placeholder no account can be (activation tokens are not yet honoured).
            List<String> accounts = export.path("token_req").asBoolean(false) ? List.of("") : List.of();
            if (export.path("type").asText().equals("service")) {
                ExportConfig.ResponseType type = switch (export.path("response_type").asText("Singleton")) {
                    case "Stream" -> ExportConfig.ResponseType.STREAM;
                    case "Chunked" -> ExportConfig.ResponseType.CHUNKED;
                    default -> ExportConfig.ResponseType.SINGLETON;
                };
                long thresholdNanos = export.path("response_threshold").asLong(0);
                out.add(new ExportConfig(ExportConfig.Kind.SERVICE, subject, accounts, type,
                        thresholdNanos > 0 ? Duration.ofNanos(thresholdNanos) : ExportConfig.DEFAULT_RESPONSE_THRESHOLD,
                        ""));
            } else {
                out.add(new ExportConfig(ExportConfig.Kind.STREAM, subject, accounts, ExportConfig.ResponseType.SINGLETON,
                        ExportConfig.DEFAULT_RESPONSE_THRESHOLD, ""));
            }
        }
        return out;
    }

    /** nats-server's reading of import claims (updateAccountClaimsWithRefresh): which side each subject is. */
    private static List<ImportConfig> imports(JsonNode imports) {
        List<ImportConfig> out = new ArrayList<>();
        for (JsonNode imported : imports) {
            String account = imported.path("account").asText();
            String subject = imported.path("subject").asText();
            String to = imported.path("to").asText("");
            String local = imported.path("local_subject").asText("");
            boolean share = imported.path("share").asBoolean(false);
            if (imported.path("type").asText().equals("service")) {
                // A service import maps a local subject onto the exporter's: without local_subject,
                // "subject" is the local one and "to" the exporter's.
                String exported = !local.isEmpty() ? subject : (to.isEmpty() ? subject : to);
                String localSubject = !local.isEmpty() ? local : subject;
                out.add(new ImportConfig(ExportConfig.Kind.SERVICE, account, exported, localSubject, null, share, ""));
            } else {
                out.add(new ImportConfig(ExportConfig.Kind.STREAM, account, subject, local.isEmpty() ? null : local,
                        local.isEmpty() && !to.isEmpty() ? to : null, false, ""));
            }
        }
        return out;
    }

    /** Whether {@code key} may issue this account's users (the account itself or a signing key). */
    public boolean mayIssueUsers(String key) {
        return jwt.subject().equals(key) || signingKeys.containsKey(key);
    }

    /** nats-server's isRevoked: a JWT issued at or before its key's (or "*"'s) revocation time. */
    public boolean revoked(String userKey, long issuedAt) {
        Long at = revocations.get(userKey);
        if (at != null && at >= issuedAt) {
            return true;
        }
        Long all = revocations.get(ALL);
        return all != null && all >= issuedAt;
    }

    public String publicKey() {
        return jwt.subject();
    }
}
