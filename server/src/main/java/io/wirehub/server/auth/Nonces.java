package io.wirehub.server.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-connection nonce of the nkey challenge: 11 random bytes, base64url without padding (15
 * characters), as nats-server makes it. The random source is created on first use: only servers
 * with nkey users pay for seeding it.
 */
public final class Nonces {
    private static final int NONCE_BYTES = 11;

    private Nonces() {
    }

    private static final class Source {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    public static String next() {
        byte[] bytes = new byte[NONCE_BYTES];
        Source.RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
