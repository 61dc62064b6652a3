package io.wirehub.server.it.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Makes operator, account and user keys and JWTs as nsc does (nats-io/jwt v2 layout: header
 * {@code {"typ":"JWT","alg":"ed25519-nkey"}}, claims with a {@code nats} object, signature by the
 * issuer's nkey), and {@code .creds} files for jnats. Test code only: the server's decoder is
 * checked against these, and nats-server accepts them too.
 */
public final class JwtFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private JwtFixture() {
    }

    public static NKey operatorKey() {
        return unchecked(() -> NKey.createOperator(RANDOM));
    }

    public static NKey accountKey() {
        return unchecked(() -> NKey.createAccount(RANDOM));
    }

    public static NKey userKey() {
        return unchecked(() -> NKey.createUser(RANDOM));
    }

    public static String publicKey(NKey key) {
        return unchecked(() -> new String(key.getPublicKey()));
    }

    public static String seed(NKey key) {
        return unchecked(() -> new String(key.getSeed()));
    }

    /** An operator JWT, self-signed; {@code nats} is filled by the caller (signing_keys, system_account). */
    public static String operatorJwt(NKey operator, Consumer<ObjectNode> nats) {
        return jwt(operator, publicKey(operator), "operator", "OP", now(), 0, nats);
    }

    /** An account JWT issued by {@code issuer} (the operator or one of its signing keys). */
    public static String accountJwt(NKey issuer, NKey account, Consumer<ObjectNode> nats) {
        return accountJwt(issuer, publicKey(account), now(), nats);
    }

    public static String accountJwt(NKey issuer, String accountKey, long issuedAt, Consumer<ObjectNode> nats) {
        return jwt(issuer, accountKey, "account", "ACC", issuedAt, 0, n -> {
            ObjectNode limits = n.putObject("limits");
            limits.put("subs", -1).put("data", -1).put("payload", -1).put("imports", -1).put("exports", -1)
                    .put("wildcards", true).put("conn", -1).put("leaf", -1);
            nats.accept(n);
        });
    }

    /** A user JWT issued by {@code issuer} (its account, or a signing key with issuer_account set by the caller). */
    public static String userJwt(NKey issuer, NKey user, long issuedAt, long expires, Consumer<ObjectNode> nats) {
        return jwt(issuer, publicKey(user), "user", "U", issuedAt, expires, n -> {
            n.putObject("pub");
            n.putObject("sub");
            n.put("subs", -1).put("data", -1).put("payload", -1);
            nats.accept(n);
        });
    }

    public static String userJwt(NKey account, NKey user) {
        return userJwt(account, user, now(), 0, n -> { });
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String jwt(NKey issuer, String subject, String type, String name, long issuedAt, long expires,
                              Consumer<ObjectNode> nats) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("jti", "");
        claims.put("iat", issuedAt);
        claims.put("iss", publicKey(issuer));
        claims.put("name", name);
        claims.put("sub", subject);
        if (expires > 0) {
            claims.put("exp", expires);
        }
        ObjectNode body = claims.putObject("nats");
        nats.accept(body);
        body.put("type", type);
        body.put("version", 2);
        return unchecked(() -> {
            // nats-io/jwt's jti: base32 of the SHA-512/256 of the claims without it; any unique text will do.
            claims.put("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                    .getInstance("SHA-256").digest(JSON.writeValueAsBytes(claims))));
            String header = b64("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64(JSON.writeValueAsBytes(claims));
            byte[] signature = issuer.sign((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(signature);
        });
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The claims JSON of a JWT, for tests that tamper with it. */
    public static String claimsJson(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** The JWT with its claims replaced but the old signature kept. */
    public static String withClaims(String jwt, String claimsJson) {
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + b64(claimsJson.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** A .creds file as nsc writes it. */
    public static Path creds(Path dir, String jwt, String seed) throws IOException {
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n" + jwt + "\n------END NATS USER JWT------\n\n"
                + "************************* IMPORTANT *************************\n"
                + "NKEY Seed printed below can be used to sign and prove identity.\n"
                + "NKEYs are sensitive and should be treated as secrets.\n\n"
                + "-----BEGIN USER NKEY SEED-----\n" + seed + "\n------END USER NKEY SEED------\n\n"
                + "*************************************************************\n");
        return file;
    }

    private interface Failing<T> {
        T get() throws GeneralSecurityException, IOException;
    }

    private static <T> T unchecked(Failing<T> call) {
        try {
            return call.get();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
