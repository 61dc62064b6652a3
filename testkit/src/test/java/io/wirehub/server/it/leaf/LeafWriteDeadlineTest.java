package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.HttpGet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hub that stops reading: the link's socket writes (a publisher's inline write included) are
 * bounded by write_deadline, after which the link is closed as a slow consumer, and the clients
 * that published keep working.
 */
class LeafWriteDeadlineTest {
    private static final Duration WAIT = LeafHubFixture.WAIT;

    @Test
    void aHubThatStopsReadingIsCutOffAndPublishersCarryOn() throws Exception {
        try (ServerSocket fakeHub = new ServerSocket()) {
            fakeHub.setReceiveBufferSize(4096); // the accepted socket takes it: the hub's side fills fast
            fakeHub.bind(new InetSocketAddress("127.0.0.1", 0));
            fakeHub.setSoTimeout((int) WAIT.toMillis());
            try (Wirehub wirehub = LeafHubFixture.startWirehub("server_name: SPOKE1\nhttp: \"127.0.0.1:-1\"\n"
                    + "write_deadline: \"500ms\"\nmax_pending: 512MB\nleafnodes { reconnect: \"30s\", remotes [ {"
                    + " url: \"nats-leaf://127.0.0.1:" + fakeHub.getLocalPort() + "\" } ] }\n");
                 Socket hub = fakeHub.accept();
                 Connection publisher = Nats.connect(new Options.Builder().server(wirehub.clientUrl())
                         .noReconnect().build())) {
                OutputStream toSpoke = hub.getOutputStream();
                BufferedReader fromSpoke = new BufferedReader(new InputStreamReader(hub.getInputStream(),
                        StandardCharsets.UTF_8));
                toSpoke.write(("INFO {\"server_id\":\"NHUB\",\"server_name\":\"HUB\",\"version\":\"2.9.10\",\"proto\":1,"
                        + "\"headers\":true,\"auth_required\":true,\"max_payload\":1048576,\"client_id\":4,"
                        + "\"nonce\":\"abc\",\"info_on_connect\":true,\"leafnode_urls\":[\"127.0.0.1:1\"]} \r\n")
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(fromSpoke.readLine()).startsWith("CONNECT {");
                toSpoke.write(("INFO {\"server_id\":\"NHUB\",\"server_name\":\"HUB\",\"client_id\":4,"
                        + "\"info_on_connect\":true,\"connect_info\":true,\"remote_account\":\"$G\"} \r\n"
                        + "LS+ flood\r\n").getBytes(StandardCharsets.UTF_8));
                HttpGet.jsonUntil(wirehub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1,
                        "the link to come up");
                // From here the hub reads nothing: 32 MB is far more than the socket buffers hold.
                byte[] chunk = new byte[1024 * 1024 - 1024];
                for (int i = 0; i < 32; i++) {
                    publisher.publish("flood", chunk);
                }
                publisher.flush(WAIT); // the publisher's reader is not held by the stuck hub for long
                HttpGet.jsonUntil(wirehub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 0,
                        "the link to be closed past write_deadline");
                Subscription local = publisher.subscribe("local");
                publisher.publish("local", new byte[] {1});
                assertThat(local.nextMessage(WAIT).getData()).containsExactly(1);
            }
        }
    }
}
