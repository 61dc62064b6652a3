package io.wirehub.server.transport;

import io.wirehub.server.config.SocketOptionsConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Accepts connections on a Unix domain socket file.
 *
 * <p>The file gets its permissions before anyone can connect: the socket is bound under a
 * temporary name in the same directory, chmod-ed, then renamed into place. A socket file left by
 * a crashed server is replaced; one a live server still listens on is not (a test connect tells
 * them apart), and a path that is not a socket at all is never touched. The file is removed on
 * close if it is still the one this listener created.
 */
public final class UnixSocketListener extends SocketListener<UnixTransport> {
    /** The file type bits of st_mode that mark a socket (S_IFSOCK). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final Object fileKey;
    private final SocketOptionsConfig options;

    private UnixSocketListener(ServerSocketChannel server, Path path, SocketOptionsConfig options) throws IOException {
        super(server);
        this.path = path;
        this.options = options;
        this.fileKey = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /**
     * Binds the socket file with the given permission bits.
     *
     * @throws IOException naming the path and the reason: a live server on it, not a socket, no
     *                     such directory, no permission
     */
    public static UnixSocketListener bind(Path path, int mode, SocketOptionsConfig options) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException("cannot create Unix socket " + target + ": directory " + directory + " does not exist");
        }
        removeIfStale(target);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Path temporary = directory.resolve(".wirehub-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        try {
            if (options.receiveBuffer() > 0) {
                server.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer());
            }
            server.bind(UnixDomainSocketAddress.of(temporary), options.backlog());
            Files.setPosixFilePermissions(temporary, permissions(mode));
            // rename(2) replaces atomically: the socket appears under its name already chmod-ed.
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return new UnixSocketListener(server, target, options);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(temporary);
            throw new IOException("cannot listen on Unix socket " + target + ": " + describe(e), e);
        }
    }

    /**
     * Takes a Unix socket bound beforehand at {@code path} (by the launcher, before this JVM
     * started, with the file's mode already set); it is removed on close like one bound here. The
     * caller has checked path and mode.
     */
    public static UnixSocketListener adopt(ServerSocketChannel server, Path path, SocketOptionsConfig options)
            throws IOException {
        if (options.receiveBuffer() > 0) {
            server.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer());
        }
        server.configureBlocking(true);
        return new UnixSocketListener(server, path.toAbsolutePath().normalize(), options);
    }

    /** Removes a socket file nobody listens on; refuses a live socket or a file of another kind. */
    private static void removeIfStale(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException("cannot listen on Unix socket " + target + ": the path exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(target))) {
            throw new IOException("cannot listen on Unix socket " + target + ": another server is listening on it");
        } catch (ConnectException refused) {
            // Nobody accepts on it: left behind by a server that did not shut down cleanly.
            Files.delete(target);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = new HashSet<>();
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** The mode as chmod shows it, for logs: 0600 → "rw-------". */
    public static String describeMode(int mode) {
        return PosixFilePermissions.toString(permissions(mode));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    @Override
    protected UnixTransport adopt(SocketChannel channel) throws IOException {
        if (options.sendBuffer() > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBuffer());
        }
        return new UnixTransport(channel);
    }

    @Override
    public String describe() {
        return path.toString();
    }

    public Path path() {
        return path;
    }

    @Override
    protected void afterClose() {
        try {
            Object current = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            // Another server may have replaced the file since; only our own socket is removed.
            if (Objects.equals(current, fileKey)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // Already gone: nothing to clean.
        }
    }
}
