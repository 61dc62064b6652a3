package io.wirehub.server.listen;

import io.wirehub.server.transport.BacklogRefusal;
import io.wirehub.server.transport.InheritedSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listening sockets bound before the server started: by the launcher before the JVM (socket
 * activation), or first thing in the process. Clients that connect meanwhile wait in the kernel's
 * backlog. When a listener starts it asks for its socket here, and gets it only if the socket is
 * bound where the final configuration says (host and port, or path and mode); otherwise the socket
 * is closed and the listener binds as usual, so no port is ever served that the configuration did
 * not ask for. Whatever no listener took is closed when the server has started.
 *
 * <p>Sockets a service manager handed over (systemd's socket activation) are the exception: there
 * the socket unit decides where Wirehub listens, and it keeps its own copy of each socket, so
 * binding again where the configuration says would fail on the port the manager holds. Such
 * sockets are taken as they are, and a configuration that says otherwise is reported.
 *
 * <p>Used by the starting thread only.
 */
public final class BoundSockets {
    private static final Logger LOG = LoggerFactory.getLogger(BoundSockets.class);

    private final Map<Listener.Kind, ServerSocketChannel> sockets = new EnumMap<>(Listener.Kind.class);
    private Path unixPath;
    private int unixMode;
    /** Whether a service manager bound these: they are used wherever they listen (see above). */
    private boolean asGiven;

    /** Nothing bound beforehand: every listener binds its own socket. */
    public static BoundSockets none() {
        return new BoundSockets();
    }

    /**
     * Sockets a service manager (systemd) bound: each listener takes its socket wherever it
     * listens, since the manager's socket unit, not the configuration, says where that is.
     */
    public static BoundSockets fromServiceManager() {
        BoundSockets bound = new BoundSockets();
        bound.asGiven = true;
        return bound;
    }

    /** Adds the TCP socket bound for the client port, WebSocket, monitoring or the leafnode port. */
    public BoundSockets tcp(Listener.Kind kind, ServerSocketChannel socket) {
        if (kind == Listener.Kind.UNIX || kind == Listener.Kind.UDP) {
            throw new IllegalArgumentException("not a TCP listener: " + kind);
        }
        put(kind, socket);
        return this;
    }

    /** Adds the Unix socket bound at {@code path}, whose file was given {@code mode}. */
    public BoundSockets unix(ServerSocketChannel socket, Path path, int mode) {
        put(Listener.Kind.UNIX, socket);
        unixPath = path.toAbsolutePath().normalize();
        unixMode = mode;
        return this;
    }

    private void put(Listener.Kind kind, ServerSocketChannel socket) {
        if (sockets.putIfAbsent(kind, socket) != null) {
            throw new IllegalArgumentException("two sockets for " + kind);
        }
    }

    public boolean isEmpty() {
        return sockets.isEmpty();
    }

    /**
     * The TCP socket bound for {@code kind} if it listens on {@code host}:{@code port} (a port of 0
     * or -1 takes any); null when there is none, or it was bound elsewhere (it is then closed).
     */
    ServerSocketChannel take(Listener.Kind kind, String host, int port) {
        ServerSocketChannel socket = sockets.remove(kind);
        if (socket == null) {
            return null;
        }
        try {
            InetSocketAddress bound = (InetSocketAddress) socket.getLocalAddress();
            InetAddress wanted = InetAddress.getByName(host);
            if (bound.getAddress().equals(wanted) && (port <= 0 || bound.getPort() == port)) {
                return socket;
            }
            if (asGiven) {
                LOG.info("The {} listens on {}, where the service manager bound it (the configuration's {} is not"
                        + " used)", describe(kind), bound, Addresses.hostPort(host, port));
                return socket;
            }
            LOG.warn("The {} socket bound before start listens on {}, but the configuration asks for {}: binding"
                    + " again", describe(kind), bound, Addresses.hostPort(host, port));
        } catch (IOException | ClassCastException e) {
            LOG.warn("The {} socket bound before start cannot be used ({}): binding again", describe(kind),
                    e.toString());
        }
        close(kind, socket);
        return null;
    }

    /**
     * The leafnode port's socket bound before start, if it listens where {@code leafnodes {}} says
     * ({@code host}, {@code port}; 0 or -1 takes any); null otherwise (see {@link #take}).
     */
    public ServerSocketChannel takeLeaf(String host, int port) {
        return take(Listener.Kind.LEAF, host, port);
    }

    /**
     * The Unix socket if it was bound at {@code path} with {@code mode}; null when there is none or
     * it differs (it is then closed and its file removed).
     */
    ServerSocketChannel takeUnix(Path path, int mode) {
        ServerSocketChannel socket = sockets.remove(Listener.Kind.UNIX);
        if (socket == null) {
            return null;
        }
        if (unixPath.equals(path.toAbsolutePath().normalize()) && unixMode == mode) {
            return socket;
        }
        if (asGiven) {
            LOG.info("The Unix socket is {} (mode {}), where the service manager bound it (the configuration's {}"
                    + " (mode {}) is not used)", unixPath, Integer.toOctalString(unixMode), path,
                    Integer.toOctalString(mode));
            return socket;
        }
        LOG.warn("The Unix socket bound before start is {} (mode {}), but the configuration asks for {} (mode {}):"
                + " binding again", unixPath, Integer.toOctalString(unixMode), path, Integer.toOctalString(mode));
        close(Listener.Kind.UNIX, socket);
        return null;
    }

    /** Where the Unix socket was bound, for what the caller reports; null when there is none. */
    public Path unixPath() {
        return sockets.containsKey(Listener.Kind.UNIX) ? unixPath : null;
    }

    /**
     * The server will not start: answers each connection waiting on the sockets still here with
     * {@code reason} (an -ERR line on client ports and the leafnode port, HTTP 503 on WebSocket and
     * monitoring), then
     * closes them.
     */
    public void refuse(String reason) {
        byte[] nats = refusal(reason);
        byte[] body = ("wirehub could not start: " + oneLine(reason) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] http = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + new String(body,
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<Listener.Kind, ServerSocketChannel> entry : sockets.entrySet()) {
            boolean nativeProtocol = switch (entry.getKey()) {
                case CLIENT, UNIX, LEAF -> true;
                case WEBSOCKET, MONITORING, UDP -> false;
            };
            BacklogRefusal.answer(entry.getValue(), nativeProtocol ? nats : http);
        }
        closeAll();
    }

    /** The -ERR line a client waiting on a NATS port gets when the server will not start. */
    public static byte[] refusal(String reason) {
        return ("-ERR 'wirehub could not start: " + oneLine(reason) + "'\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One line without quotes of its own: the -ERR text is quoted with ' and ends at the line. */
    private static String oneLine(String reason) {
        return String.valueOf(reason).replace('\n', ' ').replace('\r', ' ').replace('\'', '"');
    }

    /** Closes the sockets no listener took. */
    public void closeUnused() {
        for (Listener.Kind kind : sockets.keySet()) {
            LOG.warn("The {} socket bound before start is not in the configuration: closed", describe(kind));
        }
        closeAll();
    }

    private void closeAll() {
        for (Map.Entry<Listener.Kind, ServerSocketChannel> entry : sockets.entrySet()) {
            close(entry.getKey(), entry.getValue());
        }
        sockets.clear();
    }

    private void close(Listener.Kind kind, ServerSocketChannel socket) {
        if (InheritedSockets.closingSilencesStandardStreams(socket)) {
            // The JDK's close would take the process's standard output and error with it (see
            // InheritedSockets): left open until the process ends.
            LOG.warn("The client port socket inherited on file descriptor 0 stays open until exit");
            return;
        }
        try {
            socket.close();
            if (kind == Listener.Kind.UNIX && !asGiven) {
                // A service manager's socket file is the manager's to remove.
                Files.deleteIfExists(unixPath);
            }
        } catch (IOException e) {
            LOG.debug("Closing the {} socket bound before start: {}", describe(kind), e.toString());
        }
    }

    private static String describe(Listener.Kind kind) {
        return switch (kind) {
            case CLIENT -> "client port";
            case WEBSOCKET -> "WebSocket";
            case MONITORING -> "monitoring";
            case UNIX -> "Unix";
            case UDP -> "UDP";
            case LEAF -> "leafnode";
        };
    }
}
