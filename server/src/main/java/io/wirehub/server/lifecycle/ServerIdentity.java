package io.wirehub.server.lifecycle;

import io.wirehub.server.auth.NkeyCodec;
import java.util.SplittableRandom;

/**
 * A server id in nats-server's shape: a server nkey (prefix {@code N}, 56 base32 characters with
 * a CRC-16 check), which some tools validate. Random per start. It names the server and guards
 * nothing, so a fast non-cryptographic generator does (SecureRandom costs tens of milliseconds
 * to seed, and embedded servers must start in a few).
 */
public final class ServerIdentity {
    private ServerIdentity() {
    }

    public static String newServerId() {
        byte[] key = new byte[32];
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        return NkeyCodec.encode(NkeyCodec.SERVER, key);
    }
}
