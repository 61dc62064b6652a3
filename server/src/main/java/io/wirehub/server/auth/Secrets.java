package io.wirehub.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Compares a presented password or token with the configured one: with bcrypt when the configured
 * value is a bcrypt hash (as nats-server decides: {@code ^\$2[abxy]\$\d{2}\$}), otherwise in
 * constant time, so neither form leaks through timing how much of a guess was right.
 */
public final class Secrets {
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[abxy]\\$\\d{2}\\$.*");

    private Secrets() {
    }

    public static boolean isBcrypt(String configured) {
        return configured != null && BCRYPT.matcher(configured).matches();
    }

    public static boolean matches(String configured, String presented) {
        if (configured == null || presented == null) {
            return false;
        }
        if (isBcrypt(configured)) {
            return BCrypt.verifyer().verify(presented.getBytes(StandardCharsets.UTF_8),
                    configured.getBytes(StandardCharsets.UTF_8)).verified;
        }
        return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** A bcrypt hash of {@code password} ({@code $2a$}, cost 11, as {@code nats server passwd} makes). */
    public static String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(11, password);
    }
}
