package io.wirehub.server.auth;

import java.util.HashSet;
import java.util.Set;

/**
 * A trusted operator: its identity key and signing keys (either may sign account JWTs), and the
 * system account it names.
 *
 * @param systemAccount {@code nats.system_account}, or ""
 */
public record OperatorClaims(Jwt jwt, Set<String> signingKeys, String systemAccount) {

    public static OperatorClaims decode(String text) throws Jwt.InvalidJwtException {
        Jwt jwt = Jwt.decode(text, "operator");
        if (NkeyCodec.prefixOf(jwt.subject()) != NkeyCodec.OPERATOR || !jwt.issuer().startsWith("O")) {
            throw new Jwt.InvalidJwtException("not an operator claim");
        }
        Set<String> keys = new HashSet<>(JwtPermissions.strings(jwt.nats().path("signing_keys")));
        return new OperatorClaims(jwt, Set.copyOf(keys), jwt.nats().path("system_account").asText(""));
    }

    /** Whether this operator's identity key or one of its signing keys is {@code key}. */
    public boolean trusts(String key) {
        return jwt.subject().equals(key) || signingKeys.contains(key);
    }
}
