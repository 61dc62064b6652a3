package io.wirehub.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.config.SocketOptionsConfig;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The listener's socket options, read back from the sockets it accepts; IPv4, IPv6 and dual stack. */
class TcpListenerTest {

    private static SocketChannel acceptOne(TcpListener listener, String connectHost) throws Exception {
        BlockingQueue<Transport> accepted = new ArrayBlockingQueue<>(1);
        listener.start(accepted::add);
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress(connectHost, listener.port()))) {
            Transport transport = accepted.poll(10, TimeUnit.SECONDS);
            assertThat(transport).as("a connection accepted").isInstanceOf(TcpTransport.class);
            return ((TcpTransport) transport).channel();
        }
    }

    @Test
    void defaultsAreNoDelayAndKeepAlive() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0, SocketOptionsConfig.DEFAULTS)) {
            SocketChannel accepted = acceptOne(listener, "127.0.0.1");
            assertThat(accepted.getOption(StandardSocketOptions.TCP_NODELAY)).isTrue();
            assertThat(accepted.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            accepted.close();
        }
    }

    @Test
    void configuredOptionsReachTheAcceptedSocket() throws Exception {
        SocketOptionsConfig options = new SocketOptionsConfig(false, false, true, 512 * 1024, 384 * 1024, 16);
        try (TcpListener listener = TcpListener.bind("127.0.0.1", 0, options)) {
            SocketChannel accepted = acceptOne(listener, "127.0.0.1");
            assertThat(accepted.getOption(StandardSocketOptions.TCP_NODELAY)).isFalse();
            assertThat(accepted.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
            // Linux reports twice the size asked for (it counts its bookkeeping); never less.
            assertThat(accepted.getOption(StandardSocketOptions.SO_RCVBUF)).isGreaterThanOrEqualTo(512 * 1024);
            assertThat(accepted.getOption(StandardSocketOptions.SO_SNDBUF)).isGreaterThanOrEqualTo(384 * 1024);
            accepted.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"::1, ::1", ":: , ::1", ":: , 127.0.0.1", "0.0.0.0, 127.0.0.1"})
    void ipv6AndDualStack(String bindHost, String connectHost) throws Exception {
        try (TcpListener listener = TcpListener.bind(bindHost, 0, SocketOptionsConfig.DEFAULTS)) {
            SocketChannel accepted = acceptOne(listener, connectHost);
            InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteAddress();
            assertThat(peer.getAddress().isLoopbackAddress()).isTrue();
            accepted.close();
        }
    }
}
