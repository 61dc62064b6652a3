package io.wirehub.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A NATS JWT (github.com/nats-io/jwt/v2), decoded and its signature checked: three base64url parts,
 * a header whose {@code alg} is {@code ed25519-nkey} (or the v1 {@code ed25519}), the claims, and
 * the ed25519 signature of {@code header.claims} by the issuer's nkey ({@code iss}). Whether that
 * issuer is trusted is the caller's question; this only proves the issuer signed it.
 *
 * @param text      the JWT as given
 * @param issuer    {@code iss}: the public nkey that signed it
 * @param subject   {@code sub}: the public nkey it describes
 * @param name      {@code name}, or ""
 * @param issuedAt  {@code iat}, Unix seconds
 * @param expires   {@code exp}, Unix seconds; 0 for never
 * @param notBefore {@code nbf}, Unix seconds; 0 for always
 * @param type      {@code nats.type} ("operator", "account", "user", "activation")
 * @param nats      the {@code nats} object: the claims of its type
 */
public record Jwt(String text, String issuer, String subject, String name, long issuedAt, long expires,
                  long notBefore, String type, JsonNode nats) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JWT that does not decode, is not signed by its issuer, or is of the wrong kind. */
    public static final class InvalidJwtException extends Exception {
        public InvalidJwtException(String message) {
            super(message);
        }
    }

    /**
     * Decodes and checks the signature. Does not check {@code exp} or {@code nbf}: see {@link #expiredAt}.
     *
     * @throws InvalidJwtException with nats-server's (jwt library's) reason
     */
    public static Jwt decode(String text) throws InvalidJwtException {
        if (text == null) {
            throw new InvalidJwtException("expected 3 chunks");
        }
        String trimmed = text.strip();
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidJwtException("expected 3 chunks");
        }
        JsonNode header = json(parts[0], "header");
        String alg = header.path("alg").asText("");
        if (!alg.equals("ed25519-nkey") && !alg.equals("ed25519")) {
            throw new InvalidJwtException("unexpected \"" + alg + "\" algorithm");
        }
        String typ = header.path("typ").asText("");
        if (!typ.equalsIgnoreCase("JWT")) {
            throw new InvalidJwtException("not supported type \"" + typ + "\"");
        }
        JsonNode claims = json(parts[1], "claims");
        String issuer = claims.path("iss").asText("");
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException("signature is not base64url");
        }
        int prefix = NkeyCodec.prefixOf(issuer);
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (prefix < 0 || !NkeySignature.verify(prefix, issuer, signed, signature)) {
            throw new InvalidJwtException("claim failed V2 signature verification");
        }
        JsonNode nats = claims.path("nats");
        String type = nats.path("type").asText(claims.path("type").asText(""));
        return new Jwt(trimmed, issuer, claims.path("sub").asText(""), claims.path("name").asText(""),
                claims.path("iat").asLong(0), claims.path("exp").asLong(0), claims.path("nbf").asLong(0), type,
                nats.isMissingNode() ? JSON.createObjectNode() : nats);
    }

    /** Decodes, and checks that it is of the expected {@code nats.type}. */
    public static Jwt decode(String text, String expectedType) throws InvalidJwtException {
        Jwt jwt = decode(text);
        if (!jwt.type().equals(expectedType)) {
            throw new InvalidJwtException("not " + article(expectedType) + " " + expectedType + " claim");
        }
        return jwt;
    }

    private static String article(String type) {
        return type.startsWith("a") || type.startsWith("o") ? "an" : "a";
    }

    private static JsonNode json(String part, String what) throws InvalidJwtException {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(part);
            JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new InvalidJwtException(what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException(what + " is not base64url");
        } catch (IOException e) {
            throw new InvalidJwtException(what + " is not valid JSON");
        }
    }

    /** Whether {@code exp} has passed at {@code nowSeconds}. */
    public boolean expiredAt(long nowSeconds) {
        return expires > 0 && nowSeconds > expires;
    }

    /** Whether {@code nbf} is still ahead at {@code nowSeconds}. */
    public boolean notYetValidAt(long nowSeconds) {
        return notBefore > 0 && nowSeconds < notBefore;
    }

    @Override
    public String toString() {
        return type + " JWT " + subject + " issued by " + issuer;
    }
}
