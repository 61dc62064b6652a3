package io.wirehub.server.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.LeafNodesConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sockets bound before start a listener takes: the launcher's only where the configuration says, a service manager's always. */
class BoundSocketsTest {

    private static ServerSocketChannel listening() throws Exception {
        ServerSocketChannel socket = ServerSocketChannel.open();
        socket.bind(new InetSocketAddress("127.0.0.1", 0), 16);
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

    @Test
    void theLeafnodePortTakesItsSocketBoundBeforeStartWithTheSpokesWaitingOnIt() throws Exception {
        ServerSocketChannel leaf = listening();
        int port = ((InetSocketAddress) leaf.getLocalAddress()).getPort();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .leafNodes(new LeafNodesConfig(LeafNodesConfig.DEFAULT_RECONNECT, List.of(), "127.0.0.1", port, null,
                        null, "$G", List.of(), null, null)).build();
        // Connected before the server started: it waits in the socket's backlog.
        try (Socket early = new Socket("127.0.0.1", port);
             Wirehub server = Wirehub.start(config, BoundSockets.none().tcp(Listener.Kind.LEAF, leaf))) {
            early.setSoTimeout(20_000);
            assertThat(new BufferedReader(new InputStreamReader(early.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).startsWith("INFO {").contains("\"leafnode_urls\":[\"127.0.0.1:" + port + "\"]");
            assertThat(leaf.isOpen()).as("taken, not closed as unused").isTrue();
        }
        assertThat(leaf.isOpen()).as("closed with the server").isFalse();
    }

    @Test
    void aSpokeWaitingOnTheLeafnodePortHearsWhyTheServerWillNotStart() throws Exception {
        ServerSocketChannel leaf = listening();
        try (Socket early = new Socket("127.0.0.1", ((InetSocketAddress) leaf.getLocalAddress()).getPort())) {
            BoundSockets.none().tcp(Listener.Kind.LEAF, leaf).refuse("bad config");
            early.setSoTimeout(20_000);
            assertThat(new BufferedReader(new InputStreamReader(early.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo("-ERR 'wirehub could not start: bad config'");
        }
        assertThat(leaf.isOpen()).isFalse();
    }
}
