package io.wirehub.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/** A plain TCP connection. */
public final class TcpTransport extends ChannelTransport {
    private final InetSocketAddress remote;

    public TcpTransport(SocketChannel channel) throws IOException {
        super(channel);
        SocketAddress address = channel.getRemoteAddress();
        this.remote = address instanceof InetSocketAddress inet ? inet : new InetSocketAddress(0);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String type() {
        return "nats";
    }
}
