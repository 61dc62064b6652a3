package io.wirehub.cli;

import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the credentials natscli takes: a {@code .creds} file (a user JWT and the user's nkey seed,
 * each between {@code -----BEGIN ...-----} and {@code ------END ...------} lines) and an nkey
 * seed file. They are read and checked before connecting, so a malformed file is reported in one
 * line naming it rather than as a failure deep in the handshake; what jnats gets is a handler
 * holding the parsed values.
 */
final class CredentialFiles {
    /** A block between a BEGIN line naming {@code what} and the next END line (natscli's dashes vary). */
    private static final String BLOCK = "-{3,}\\s*BEGIN %s\\s*-{3,}\\s*\\R\\s*(\\S+)\\s*\\R\\s*-{3,}\\s*END %s\\s*-{3,}";
    private static final Pattern JWT = Pattern.compile(String.format(BLOCK, "NATS USER JWT", "NATS USER JWT"));
    private static final Pattern SEED = Pattern.compile(String.format(BLOCK, "USER NKEY SEED", "USER NKEY SEED"));

    private CredentialFiles() {
    }

    /** The handler for a {@code .creds} file: sends its JWT and signs the server's nonce with its seed. */
    static AuthHandler creds(Path file) {
        String text = read(file, "creds");
        Matcher jwt = JWT.matcher(text);
        if (!jwt.find()) {
            throw new IllegalArgumentException("creds file " + file + " holds no user JWT (-----BEGIN NATS USER JWT-----)");
        }
        String token = jwt.group(1);
        if (token.split("\\.").length != 3) {
            throw new IllegalArgumentException("creds file " + file + ": the user JWT is not three dot-separated parts");
        }
        Matcher seed = SEED.matcher(text);
        if (!seed.find()) {
            throw new IllegalArgumentException("creds file " + file + " holds no user seed (-----BEGIN USER NKEY SEED-----)");
        }
        return new Handler(token.toCharArray(), key(seed.group(1), file, "creds"));
    }

    /**
     * The handler for an nkey seed file: the public key as the identity (or {@code userJwt}, when
     * a context gives one), the nonce signed.
     */
    static AuthHandler nkey(Path file, String userJwt) {
        String text = read(file, "nkey");
        String seed = text.lines().map(String::strip).filter(line -> line.startsWith("S")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("nkey file " + file + " holds no seed (a line starting SU)"));
        return new Handler(userJwt == null ? null : userJwt.toCharArray(), key(seed, file, "nkey"));
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }

    private static NKey key(String seed, Path file, String what) {
        NKey key;
        try {
            key = NKey.fromSeed(seed.toCharArray());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(what + " file " + file + ": the seed is not valid ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        if (key.getType() != NKey.Type.USER) {
            throw new IllegalArgumentException(what + " file " + file + ": the seed is a " + key.getType()
                    + " key, not a user key");
        }
        return key;
    }

    /** Holds the parsed key; jnats asks for the identity and a signature at every (re)connect. */
    private record Handler(char[] jwt, NKey key) implements AuthHandler {
        @Override
        public byte[] sign(byte[] nonce) {
            try {
                return key.sign(nonce);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("signing the server's nonce failed: " + e.getMessage(), e);
            }
        }

        @Override
        public char[] getID() {
            try {
                return key.getPublicKey();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("reading the nkey's public key failed: " + e.getMessage(), e);
            }
        }

        @Override
        public char[] getJWT() {
            return jwt;
        }
    }
}
