package io.wirehub.server.leaf;

import io.wirehub.server.stats.LeafConnectionSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leafnode port (the hub side): accepts spokes on one platform thread; each connection's
 * handshake and then its {@link LeafSession} run on a virtual thread of its own. The session
 * factory returns null for a spoke it refused.
 *
 * <p>{@link #sessions} is a concurrent set: the acceptor adds, each session's thread removes,
 * monitoring reads.
 */
final class LeafAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(LeafAcceptor.class);

    private final ServerSocket listener;
    private final Function<LeafStream, LeafSession> sessionFor;
    private final Set<LeafSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LeafAcceptor(ServerSocket listener, Function<LeafStream, LeafSession> sessionFor) {
        this.listener = listener;
        this.sessionFor = sessionFor;
    }

    /**
     * Starts accepting on {@code inherited}, the leafnode port's socket bound before start (the
     * launcher's, already checked to be where the configuration says), or on a socket bound now at
     * {@code host}:{@code port} when it is null.
     */
    static LeafAcceptor start(String host, int port, ServerSocketChannel inherited,
                              Function<LeafStream, LeafSession> sessionFor) {
        try {
            ServerSocket listener;
            if (inherited != null) {
                // The channel's socket adaptor accepts as a ServerSocket does, in blocking mode only.
                inherited.configureBlocking(true);
                listener = inherited.socket();
            } else {
                listener = new ServerSocket();
                listener.setReuseAddress(true);
                listener.bind(new InetSocketAddress(host, port == -1 ? 0 : port));
            }
            LeafAcceptor acceptor = new LeafAcceptor(listener, sessionFor);
            LOG.info("Listening for leafnode connections on {}:{}", host, listener.getLocalPort());
            Thread.ofPlatform().name("wirehub-leaf-accept").daemon().start(acceptor::acceptLoop);
            return acceptor;
        } catch (IOException e) {
            if (inherited != null) {
                closeQuietly(inherited);
            }
            throw new IllegalStateException("cannot listen for leafnode connections on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the inherited leafnode socket: {}", e.getMessage());
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                adopt(LeafStream.of(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("leafnode accept failed: {}", e.getMessage());
                }
            }
        }
    }

    /**
     * Runs a spoke's connection (from the leafnode port, or a WebSocket upgraded on
     * {@code /leafnode}) on a virtual thread of its own: the handshake (INFO, TLS, CONNECT, auth)
     * blocks, then the session.
     */
    void adopt(LeafStream stream) {
        if (closed) {
            stream.close();
            return;
        }
        Thread.ofVirtual().name("wirehub-leaf-accepted").start(() -> {
            LeafSession session = sessionFor.apply(stream);
            if (session == null) {
                return; // refused and closed by the handshake
            }
            sessions.add(session);
            try {
                if (closed) {
                    session.abort();
                }
                session.runAccepted();
            } finally {
                sessions.remove(session);
            }
        });
    }

    List<LeafConnectionSnapshot> connections() {
        List<LeafConnectionSnapshot> up = new ArrayList<>();
        for (LeafSession session : sessions) {
            if (session.isEstablished()) {
                up.add(session.snapshot());
            }
        }
        return up;
    }

    void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the leafnode listener: {}", e.getMessage());
        }
        sessions.forEach(LeafSession::abort);
    }
}
