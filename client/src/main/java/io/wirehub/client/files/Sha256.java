package io.wirehub.client.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    static String hex(byte[] data, int offset, int length) {
        MessageDigest digest = digest();
        digest.update(data, offset, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The first {@code length} bytes of a file into {@code digest}, reporting progress. */
    static void update(MessageDigest digest, Path file, long length, TransferProgress progress) throws IOException {
        // A heap buffer: the digest takes its array whole, where a direct buffer is copied out 4 KiB at a time.
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            while (position < length) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException(file + " ended after " + position + " bytes");
                }
                digest.update(buffer.array(), 0, n);
                position += n;
                progress.advanceTo(position);
            }
        }
    }

    static String of(Path file, long length, TransferProgress progress) throws IOException {
        MessageDigest digest = digest();
        update(digest, file, length, progress);
        return HexFormat.of().formatHex(digest.digest());
    }
}
