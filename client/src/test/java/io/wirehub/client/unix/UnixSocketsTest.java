package io.wirehub.client.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.UnixSocketConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jnats over {@code unix:///path}, against an embedded Wirehub listening on a socket file. */
class UnixSocketsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Wirehub start(Path socket) throws IOException {
        return Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0).unix(UnixSocketConfig.at(socket)).build());
    }

    private static Connection connect(String url) throws Exception {
        Options options = UnixSockets.configure(new Options.Builder(), url).connectionTimeout(WAIT)
                .maxReconnects(0).build();
        return Nats.connect(options);
    }

    @Test
    void jnatsPublishesSubscribesAndRequestsOverTheSocket() throws Exception {
        Path socket = dir.resolve("wh.sock");
        try (Wirehub server = start(socket); Connection nc = connect(server.unixUrl());
             Connection tcp = Nats.connect(server.clientUrl())) {
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            Subscription sub = nc.subscribe("over.unix");
            nc.flush(WAIT);
            tcp.publish("over.unix", "from tcp".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(WAIT);
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("from tcp");

            Dispatcher responder = nc.createDispatcher(msg -> nc.publish(msg.getReplyTo(), msg.getData()));
            responder.subscribe("echo");
            nc.flush(WAIT);
            byte[] big = new byte[512 * 1024];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            Message reply = tcp.request("echo", big, WAIT);
            assertThat(reply.getData()).isEqualTo(big);
            assertThat(server.connections().size()).isEqualTo(2);
        }
    }

    @Test
    void urlForms() {
        assertThat(UnixSockets.path("unix:///run/wirehub.sock")).isEqualTo("/run/wirehub.sock");
        assertThat(UnixSockets.path("unix:/tmp/a.sock")).isEqualTo("/tmp/a.sock");
        assertThat(UnixSockets.isUnixUrl("UNIX:///x")).isTrue();
        assertThat(UnixSockets.isUnixUrl("nats://127.0.0.1:4222")).isFalse();
        assertThatThrownBy(() -> UnixSockets.path("unix://relative.sock"))
                .hasMessageContaining("absolute path");
    }

    @Test
    void missingSocketFailsToConnectWithAnIoError() {
        assertThatThrownBy(() -> connect("unix://" + dir.resolve("nobody.sock")))
                .isInstanceOf(IOException.class);
    }
}
