package io.wirehub.cli;

import io.wirehub.server.listen.BoundSockets;
import io.wirehub.server.listen.Listener;
import io.wirehub.server.transport.InheritedSockets;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The listening sockets the launcher ({@code scripts/bind-listeners.pl}, run by {@code ./wirehub
 * serve}) bound before it exec'd this JVM, as its environment describes them:
 *
 * <pre>
 * WIREHUB_LISTEN_PID=4711                                     this process, so a child never takes them
 * WIREHUB_LISTEN_FDS=client=0,websocket=3,monitoring=4,unix=5 which descriptor is which listener
 * WIREHUB_LISTEN_UNIX=600:/run/wirehub.sock                    the Unix socket's mode (octal) and path
 * </pre>
 *
 * The client port comes as standard input, as systemd's {@code StandardInput=socket} hands it over.
 */
final class InheritedListeners {
    static final String PID = "WIREHUB_LISTEN_PID";
    static final String FDS = "WIREHUB_LISTEN_FDS";
    static final String UNIX = "WIREHUB_LISTEN_UNIX";

    private InheritedListeners() {
    }

    /** Whether the environment hands this process listening sockets. */
    static boolean declared(Map<String, String> environment) {
        String pid = environment.get(PID);
        return pid != null && environment.get(FDS) != null
                && pid.trim().equals(Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Takes every socket the environment names.
     *
     * @throws IOException naming the descriptor that is not what it was said to be; the sockets
     *                     taken before it are closed
     */
    static BoundSockets take(Map<String, String> environment) throws IOException {
        BoundSockets bound = BoundSockets.none();
        List<ServerSocketChannel> taken = new ArrayList<>();
        try {
            for (String entry : environment.get(FDS).split(",")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IOException(FDS + " entry \"" + entry + "\" is not name=descriptor");
                }
                String name = entry.substring(0, eq).trim();
                int fd = descriptor(entry.substring(eq + 1).trim());
                Listener.Kind kind = kind(name);
                ServerSocketChannel socket;
                try {
                    socket = InheritedSockets.take(fd, kind == Listener.Kind.UNIX);
                } catch (IOException e) {
                    throw new IOException("the " + name + " listener inherited from the launcher cannot be used: "
                            + e.getMessage(), e);
                }
                taken.add(socket);
                if (kind == Listener.Kind.UNIX) {
                    addUnix(bound, socket, environment.get(UNIX));
                } else {
                    bound.tcp(kind, socket);
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

    private static Listener.Kind kind(String name) throws IOException {
        return switch (name) {
            case "client" -> Listener.Kind.CLIENT;
            case "websocket" -> Listener.Kind.WEBSOCKET;
            case "monitoring" -> Listener.Kind.MONITORING;
            case "unix" -> Listener.Kind.UNIX;
            default -> throw new IOException(FDS + " names a listener \"" + name + "\" that Wirehub does not have");
        };
    }
}
