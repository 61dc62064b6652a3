package io.wirehub.cli;

import io.wirehub.server.listen.BoundSockets;
import io.wirehub.server.listen.Listener;
import io.wirehub.server.transport.InheritedSockets;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The listening sockets this process was started with, from one of three hands:
 *
 * <ul>
 * <li><b>The launcher</b> ({@code scripts/bind-listeners.pl}, run by {@code wirehub serve}), which
 * bound them before it exec'd this JVM:
 * <pre>
 * WIREHUB_LISTEN_PID=4711                                            this process, so a child never takes them
 * WIREHUB_LISTEN_FDS=client=0,websocket=3,monitoring=4,leaf=5,unix=6  which descriptor is which listener
 * WIREHUB_LISTEN_UNIX=600:/run/wirehub.sock                           the Unix socket's mode (octal) and path
 * </pre>
 * The client port comes as standard input, as systemd's {@code StandardInput=socket} hands it over.
 * <li><b>systemd's socket activation</b> (the sd_listen_fds protocol): {@code LISTEN_PID} is this
 * process, {@code LISTEN_FDS} counts the descriptors from 3 on, and {@code LISTEN_FDNAMES} names
 * them (the socket units' {@code FileDescriptorName=}: client, websocket, monitoring, leaf or unix). A
 * single descriptor with another name, or none, is the client port.
 * <li><b>Standard input alone</b>, when a unit with {@code StandardInput=socket} says so with
 * {@code WIREHUB_LISTEN_STDIN=1}: systemd then passes no LISTEN_* variables at all.
 * </ul>
 *
 * A service manager's sockets are used wherever they listen ({@link BoundSockets#fromServiceManager}):
 * its socket unit says where Wirehub listens.
 */
final class InheritedListeners {
    static final String PID = "WIREHUB_LISTEN_PID";
    static final String FDS = "WIREHUB_LISTEN_FDS";
    static final String UNIX = "WIREHUB_LISTEN_UNIX";
    static final String STDIN = "WIREHUB_LISTEN_STDIN";
    static final String SYSTEMD_PID = "LISTEN_PID";
    static final String SYSTEMD_FDS = "LISTEN_FDS";
    static final String SYSTEMD_NAMES = "LISTEN_FDNAMES";
    /** sd_listen_fds(3): the first descriptor passed. */
    static final int SYSTEMD_FIRST_FD = 3;

    /** Who handed the sockets over; the words name it in errors. */
    enum Source {
        LAUNCHER("inherited from the launcher"),
        SYSTEMD("handed over by systemd"),
        STANDARD_INPUT("on standard input");

        final String words;

        Source(String words) {
            this.words = words;
        }
    }

    /** One descriptor and the listener it is for. */
    record Handed(int fd, Listener.Kind kind, String name) {
    }

    private InheritedListeners() {
    }

    /** Whether the environment hands this process listening sockets. */
    static boolean declared(Map<String, String> environment) {
        return source(environment, ProcessHandle.current().pid()) != null;
    }

    /** Who handed process {@code pid} its sockets, or null when nobody did (or they were for another process). */
    static Source source(Map<String, String> environment, long pid) {
        String self = Long.toString(pid);
        if (environment.get(FDS) != null && self.equals(trimmed(environment.get(PID)))) {
            return Source.LAUNCHER;
        }
        if (environment.get(SYSTEMD_FDS) != null && self.equals(trimmed(environment.get(SYSTEMD_PID)))) {
            return Source.SYSTEMD;
        }
        if ("1".equals(trimmed(environment.get(STDIN)))) {
            return Source.STANDARD_INPUT;
        }
        return null;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /** The descriptors {@code source} hands over, as its variables describe them. */
    static List<Handed> descriptors(Source source, Map<String, String> environment) throws IOException {
        return switch (source) {
            case LAUNCHER -> launcherDescriptors(environment.get(FDS));
            case SYSTEMD -> systemdDescriptors(environment.get(SYSTEMD_FDS), environment.get(SYSTEMD_NAMES));
            case STANDARD_INPUT -> List.of(new Handed(0, Listener.Kind.CLIENT, "client"));
        };
    }

    static List<Handed> launcherDescriptors(String fds) throws IOException {
        List<Handed> handed = new ArrayList<>();
        for (String entry : fds.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IOException(FDS + " entry \"" + entry + "\" is not name=descriptor");
            }
            String name = entry.substring(0, eq).trim();
            handed.add(new Handed(descriptor(entry.substring(eq + 1).trim()), kind(name, FDS), name));
        }
        return handed;
    }

    static List<Handed> systemdDescriptors(String count, String names) throws IOException {
        int n;
        try {
            n = Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new IOException(SYSTEMD_FDS + "=" + count + " is not a number of descriptors");
        }
        if (n <= 0) {
            throw new IOException(SYSTEMD_FDS + "=" + count + " hands over no socket");
        }
        String[] given = names == null || names.isEmpty() ? new String[0] : names.split(":", -1);
        if (given.length != 0 && given.length != n) {
            throw new IOException(SYSTEMD_NAMES + " names " + given.length + " descriptors but " + SYSTEMD_FDS
                    + " is " + n);
        }
        List<Handed> handed = new ArrayList<>();
        Set<Listener.Kind> seen = EnumSet.noneOf(Listener.Kind.class);
        for (int i = 0; i < n; i++) {
            String name = given.length == 0 ? "" : given[i];
            Listener.Kind kind;
            if (n == 1 && !isListenerName(name)) {
                // One socket, unnamed (systemd's default name is the unit's): the client port.
                kind = Listener.Kind.CLIENT;
            } else if (isListenerName(name)) {
                kind = kind(name, SYSTEMD_NAMES);
            } else {
                throw new IOException("systemd handed over " + n + " sockets, and descriptor " + (SYSTEMD_FIRST_FD + i)
                        + " is named \"" + name + "\": name each with FileDescriptorName=client, websocket,"
                        + " monitoring, leaf or unix");
            }
            if (!seen.add(kind)) {
                throw new IOException(SYSTEMD_NAMES + " names two descriptors " + name);
            }
            handed.add(new Handed(SYSTEMD_FIRST_FD + i, kind, name.isEmpty() ? "client" : name));
        }
        return handed;
    }

    private static boolean isListenerName(String name) {
        return switch (name) {
            case "client", "websocket", "monitoring", "leaf", "unix" -> true;
            default -> false;
        };
    }

    /**
     * Takes every socket the environment names.
     *
     * @throws IOException naming the descriptor that is not what it was said to be; the sockets
     *                     taken before it are closed
     */
    static BoundSockets take(Map<String, String> environment) throws IOException {
        Source source = source(environment, ProcessHandle.current().pid());
        if (source == null) {
            return BoundSockets.none();
        }
        BoundSockets bound = source == Source.LAUNCHER ? BoundSockets.none() : BoundSockets.fromServiceManager();
        List<ServerSocketChannel> taken = new ArrayList<>();
        try {
            for (Handed handed : descriptors(source, environment)) {
                boolean unix = handed.kind() == Listener.Kind.UNIX;
                ServerSocketChannel socket;
                try {
                    socket = InheritedSockets.take(handed.fd(), unix);
                } catch (IOException e) {
                    throw new IOException("the " + handed.name() + " listener " + source.words + " cannot be used: "
                            + e.getMessage(), e);
                }
                taken.add(socket);
                if (!unix) {
                    bound.tcp(handed.kind(), socket);
                } else if (source == Source.LAUNCHER) {
                    addUnix(bound, socket, environment.get(UNIX));
                } else {
                    addUnixAsBound(bound, socket);
                }
            }
            return bound;
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel socket : taken) {
                socket.close();
            }
            throw e;
        }
    }

    private static void addUnix(BoundSockets bound, ServerSocketChannel socket, String modeAndPath)
            throws IOException {
        int colon = modeAndPath == null ? -1 : modeAndPath.indexOf(':');
        if (colon <= 0) {
            throw new IOException(UNIX + " must be MODE:PATH for the inherited Unix socket");
        }
        String mode = modeAndPath.substring(0, colon);
        if (!mode.matches("[0-7]{1,4}")) {
            throw new IOException(UNIX + " gives the mode \"" + mode + "\", which is not octal");
        }
        bound.unix(socket, Path.of(modeAndPath.substring(colon + 1)), Integer.parseInt(mode, 8));
    }

    /** A service manager's Unix socket: its path and mode are what the file says (SocketMode=). */
    private static void addUnixAsBound(BoundSockets bound, ServerSocketChannel socket) throws IOException {
        if (!(socket.getLocalAddress() instanceof UnixDomainSocketAddress address)
                || address.getPath().toString().isEmpty()) {
            throw new IOException("the unix listener handed over by systemd is not bound to a path");
        }
        Path path = address.getPath();
        int mode = 0;
        for (PosixFilePermission permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            mode |= 1 << (8 - permission.ordinal());
        }
        bound.unix(socket, path, mode);
    }

    private static int descriptor(String text) throws IOException {
        try {
            int fd = Integer.parseInt(text);
            if (fd < 0) {
                throw new NumberFormatException();
            }
            return fd;
        } catch (NumberFormatException e) {
            throw new IOException(FDS + " names file descriptor \"" + text + "\", which is not one");
        }
    }

    private static Listener.Kind kind(String name, String variable) throws IOException {
        return switch (name) {
            case "client" -> Listener.Kind.CLIENT;
            case "websocket" -> Listener.Kind.WEBSOCKET;
            case "monitoring" -> Listener.Kind.MONITORING;
            case "leaf" -> Listener.Kind.LEAF;
            case "unix" -> Listener.Kind.UNIX;
            default -> throw new IOException(variable + " names a listener \"" + name + "\" that Wirehub does not have");
        };
    }
}
