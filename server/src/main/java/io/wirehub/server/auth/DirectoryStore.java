package io.wirehub.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

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

    /** The stored JWT's bytes, or empty bytes when the account has none (nats-server's empty lookup reply). */
    public static byte[] read(Path dir, String accountKey) {
        try {
            return Files.readAllBytes(fileOf(dir, accountKey));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return new byte[0];
        }
    }

    /** The account keys with a stored JWT. */
    public static List<String> keys(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jwt"))
                    .map(n -> n.substring(0, n.length() - ".jwt".length())).toList();
        }
    }

    public static void write(Path dir, AccountClaims claims) throws IOException {
        Files.createDirectories(dir);
        Path target = fileOf(dir, claims.publicKey());
        Path temporary = dir.resolve(claims.publicKey() + ".jwt.tmp");
        Files.writeString(temporary, claims.jwt().text(), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
