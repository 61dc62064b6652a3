package io.wirehub.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks the nkey challenge (PROTOCOL.md §10): the client signs the nonce text's ASCII bytes with
 * its ed25519 seed and sends the signature base64url-encoded (standard base64 also accepted, as
 * nats-server does). Uses the JDK's own Ed25519.
 */
public final class NkeySignature {
    /** DER prefix that turns a raw 32-byte ed25519 public key into an X.509 SubjectPublicKeyInfo. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private NkeySignature() {
    }

    public static boolean verify(String userNkey, String nonce, String signature) {
        if (userNkey == null || nonce == null || signature == null) {
            return false;
        }
        try {
            return verify(NkeyCodec.USER, userNkey, nonce.getBytes(StandardCharsets.US_ASCII),
                    decodeSignature(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether {@code signature} is the ed25519 signature of {@code data} by the public nkey
     * {@code key} of the given kind (a JWT's issuer, a user's nonce).
     */
    static boolean verify(int prefix, String key, byte[] data, byte[] signature) {
        try {
            byte[] raw = NkeyCodec.decode(prefix, key);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(raw));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] decodeSignature(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notUrl) {
            return Base64.getDecoder().decode(text);
        }
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
