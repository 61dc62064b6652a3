package io.wirehub.server.util;

import java.security.SecureRandom;

/**
 * A random 22-character id of the 62 letters and digits, shaped as nats-server's NUIDs are (event
 * ids, a leaf's cluster name): unique enough for ids nobody parses. Thread-safe (SecureRandom).
 */
public final class NuidLike {
    private static final char[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private NuidLike() {
    }

    public static String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = DIGITS[RANDOM.nextInt(DIGITS.length)];
        }
        return new String(id);
    }
}
