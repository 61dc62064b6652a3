package io.wirehub.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.config.PermissionsConfig;
import java.util.List;

/**
 * A user JWT (issuer: its account or one of the account's signing keys).
 *
 * @param issuerAccount          {@code issuer_account}: the account when a signing key issued it, else ""
 * @param permissions            its own permissions, or null when it sets none
 * @param bearer                 {@code bearer_token}: no nonce signature needed
 * @param allowedConnectionTypes {@code allowed_connection_types}; empty for any
 */
public record UserClaims(Jwt jwt, String issuerAccount, PermissionsConfig permissions, boolean bearer,
                         List<String> allowedConnectionTypes) {

    public static UserClaims decode(String text) throws Jwt.InvalidJwtException {
        Jwt jwt = Jwt.decode(text, "user");
        if (NkeyCodec.prefixOf(jwt.subject()) != NkeyCodec.USER) {
            throw new Jwt.InvalidJwtException("not a user claim");
        }
        JsonNode nats = jwt.nats();
        return new UserClaims(jwt, nats.path("issuer_account").asText(""),
                JwtPermissions.isEmpty(nats) ? null : JwtPermissions.of(nats),
                nats.path("bearer_token").asBoolean(false),
                List.copyOf(JwtPermissions.strings(nats.path("allowed_connection_types"))));
    }
}
