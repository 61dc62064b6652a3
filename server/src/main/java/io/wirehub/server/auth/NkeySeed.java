package io.wirehub.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A user nkey seed ({@code SU...}, github.com/nats-io/nkeys): what this server signs a hub's nonce
 * with when it dials out as a leaf node. The text is base32 of two prefix bytes (the seed marker
 * and the key kind), the 32-byte ed25519 seed and a CRC-16. Uses the JDK's own Ed25519.
 */
public final class NkeySeed {
    /** nkeys PrefixByteSeed: encodes to a leading 'S'. */
    private static final int SEED = 18 << 3;

    private final PrivateKey privateKey;
    private final String publicKey;

    private NkeySeed(PrivateKey privateKey, String publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Parses a user seed.
     *
     * @throws IllegalArgumentException when the text is not a valid user seed
     */
    public static NkeySeed parse(String text) {
        byte[] raw = NkeyCodec.unbase32(text.strip());
        if (raw.length != 36) {
            throw new IllegalArgumentException("an nkey seed is 58 characters");
        }
        int crc = (raw[34] & 0xff) | (raw[35] & 0xff) << 8;
        if (crc != NkeyCodec.crc16(raw, 34)) {
            throw new IllegalArgumentException("nkey seed checksum does not match");
        }
        int marker = raw[0] & 0xf8;
        int kind = ((raw[0] & 0x07) << 5) | ((raw[1] & 0xff) >>> 3);
        if (marker != SEED || kind != NkeyCodec.USER) {
            throw new IllegalArgumentException("not a user nkey seed");
        }
        byte[] seed = Arrays.copyOfRange(raw, 2, 34);
        try {
            KeyPair pair = keyPairOf(seed);
            byte[] encoded = pair.getPublic().getEncoded(); // X.509: the raw key is the last 32 bytes
            byte[] rawPublic = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return new NkeySeed(pair.getPrivate(), NkeyCodec.encode(NkeyCodec.USER, rawPublic));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the nkey seed is not an ed25519 seed: " + e.getMessage());
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Whether the text is a valid user seed (nats-server refuses a remote's nkey otherwise). */
    public static boolean isUserSeed(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** The public key, {@code U...}. */
    public String publicKey() {
        return publicKey;
    }

    /** The nonce's ed25519 signature, base64url without padding, as nats-server's spoke sends it. */
    public String signNonce(String nonce) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(nonce.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the nonce failed: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK derives an ed25519 key pair only from a random source: this one yields the seed, so
     * the pair is the seed's (RFC 8032: the private key is the 32 random bytes).
     */
    private static KeyPair keyPairOf(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
        KeyPair pair = generator.generateKeyPair();
        return pair;
    }

    /** A "random" source that returns the seed: used once, for one key pair. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
        }
    }
}
