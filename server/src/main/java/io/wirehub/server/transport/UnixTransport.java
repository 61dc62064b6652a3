package io.wirehub.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A connection on the Unix domain socket. It has no IP address: per-address limits do not apply,
 * and the peer is known by its credentials instead.
 */
public final class UnixTransport extends ChannelTransport {
    /** No host and no address: INFO's client_ip is empty, as for any non-IP peer. */
    private static final InetSocketAddress NO_ADDRESS = InetSocketAddress.createUnresolved("unix", 0);

    private final PeerCredentials peer;

    public UnixTransport(SocketChannel channel) {
        super(channel);
        this.peer = credentials(channel);
    }

    private static PeerCredentials credentials(SocketChannel channel) {
        try {
            UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return new PeerCredentials(principal.user().getName(), principal.group().getName());
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform offers SO_PEERCRED; the connection works without it.
            return null;
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return NO_ADDRESS;
    }

    @Override
    public String type() {
        return "unix";
    }

    @Override
    public PeerCredentials peerCredentials() {
        return peer;
    }
}
