package io.wirehub.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The full and cache resolvers' directory, laid out as nats-server's dirstore does: one file per
 * account, {@code <account public key>.jwt}, holding the JWT. Written to a temporary file and
 * moved into place, so a crash never leaves half a JWT.
 */
public final class DirectoryStore {
    private DirectoryStore() {
    }

    public static Path fileOf(Path dir, String accountKey) {
        return dir.resolve(accountKey + ".jwt");
    }

    public static void write(Path dir, AccountClaims claims) throws IOException {
        Files.createDirectories(dir);
        Path target = fileOf(dir, claims.publicKey());
        Path temporary = dir.resolve(claims.publicKey() + ".jwt.tmp");
        Files.writeString(temporary, claims.jwt().text(), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
