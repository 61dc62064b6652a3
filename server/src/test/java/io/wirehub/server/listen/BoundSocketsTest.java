package io.wirehub.server.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;

/** Which sockets bound before start a listener takes: the launcher's only where the configuration says, a service manager's always. */
class BoundSocketsTest {

    private static ServerSocketChannel listening() throws Exception {
        ServerSocketChannel socket = ServerSocketChannel.open();
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        return socket;
    }

    @Test
    void aLauncherSocketElsewhereThanConfiguredIsClosed() throws Exception {
        ServerSocketChannel socket = listening();
        int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
        BoundSockets bound = BoundSockets.none().tcp(Listener.Kind.CLIENT, socket);
        assertThat(bound.take(Listener.Kind.CLIENT, "0.0.0.0", port)).isNull();
        assertThat(socket.isOpen()).isFalse();
    }

    @Test
    void aLauncherSocketWhereConfiguredIsTaken() throws Exception {
        ServerSocketChannel socket = listening();
        int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
        BoundSockets bound = BoundSockets.none().tcp(Listener.Kind.CLIENT, socket);
        assertThat(bound.take(Listener.Kind.CLIENT, "127.0.0.1", port)).isSameAs(socket);
    }

    @Test
    void aServiceManagersSocketIsTakenWhereverItListens() throws Exception {
        try (ServerSocketChannel socket = listening()) {
            BoundSockets bound = BoundSockets.fromServiceManager().tcp(Listener.Kind.CLIENT, socket);
            assertThat(bound.take(Listener.Kind.CLIENT, "0.0.0.0", 4222)).isSameAs(socket);
            assertThat(socket.isOpen()).isTrue();
            assertThat(bound.isEmpty()).isTrue();
        }
    }
}
