package io.wirehub.server.auth;

import io.wirehub.server.config.PermissionsConfig;

/**
 * A user JWT (issuer: its account or one of the account's signing keys).
 *
 * @param issuerAccount {@code issuer_account}: the account when a signing key issued it, else ""
 * @param grant         its permissions, limits, bearer use and connection types
 */
public record UserClaims(Jwt jwt, String issuerAccount, UserGrant grant) {

    public static UserClaims decode(String text) throws Jwt.InvalidJwtException {
        Jwt jwt = Jwt.decode(text, "user");
        if (NkeyCodec.prefixOf(jwt.subject()) != NkeyCodec.USER) {
            throw new Jwt.InvalidJwtException("not a user claim");
        }
        return new UserClaims(jwt, jwt.nats().path("issuer_account").asText(""), UserGrant.of(jwt.nats()));
    }

    /** Its own permissions, or null when it sets none. */
    public PermissionsConfig permissions() {
        return grant.permissions();
    }

    public boolean bearer() {
        return grant.bearer();
    }
}
