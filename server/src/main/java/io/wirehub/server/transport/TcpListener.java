package io.wirehub.server.transport;

import io.wirehub.server.config.SocketOptionsConfig;
import io.wirehub.server.util.IpText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Accepts TCP connections (IPv4 or IPv6) on one address, with the listener's socket options. */
public final class TcpListener extends SocketListener<TcpTransport> {
    private final InetSocketAddress boundAddress;
    private final SocketOptionsConfig options;

    private TcpListener(ServerSocketChannel server, SocketOptionsConfig options) throws IOException {
        super(server);
        this.boundAddress = (InetSocketAddress) server.getLocalAddress();
        this.options = options;
    }

    /** Binds with the default socket options. */
    public static TcpListener bind(String host, int port, int backlog) throws IOException {
        SocketOptionsConfig d = SocketOptionsConfig.DEFAULTS;
        return bind(host, port, new SocketOptionsConfig(d.noDelay(), d.keepAlive(), d.reuseAddress(),
                d.receiveBuffer(), d.sendBuffer(), backlog));
    }

    /**
     * Binds the address; connections queue in the backlog until {@link #start} is called.
     *
     * @param port 0 (or -1) for any free port
     */
    public static TcpListener bind(String host, int port, SocketOptionsConfig options) throws IOException {
        return new TcpListener(bindSocket(host, port, options), options);
    }

    /** A listening socket on the address with the listener's options, for {@link #adopt} later. */
    public static ServerSocketChannel bindSocket(String host, int port, SocketOptionsConfig options)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
            if (options.receiveBuffer() > 0) {
                // Set on the listener so accepted sockets inherit it before the window is advertised.
                server.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer());
            }
            server.bind(new InetSocketAddress(host, Math.max(port, 0)), options.backlog());
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Takes a listening socket bound beforehand (by the launcher, before this JVM started) and
     * applies what can still be applied of {@code options}: SO_REUSEADDR, and SO_RCVBUF for the
     * connections accepted from now on; the backlog was set when it started listening. The caller
     * has checked the address.
     */
    public static TcpListener adopt(ServerSocketChannel server, SocketOptionsConfig options) throws IOException {
        server.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
        if (options.receiveBuffer() > 0) {
            server.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer());
        }
        server.configureBlocking(true);
        return new TcpListener(server, options);
    }

    @Override
    protected TcpTransport adopt(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, options.noDelay());
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, options.keepAlive());
        if (options.sendBuffer() > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBuffer());
        }
        return new TcpTransport(channel);
    }

    @Override
    public String describe() {
        return IpText.of(boundAddress.getAddress()) + ":" + boundAddress.getPort();
    }

    public InetSocketAddress address() {
        return boundAddress;
    }

    public int port() {
        return boundAddress.getPort();
    }
}
