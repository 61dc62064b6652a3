package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamState;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store directory damaged while the server was down: a stream whose meta.inf is no config, one
 * whose meta.inf claims gigabytes, one whose last block has a flipped byte, and a consumer whose
 * o.dat is garbage. The server starts, leaves out only what cannot be read, keeps the damaged
 * stream's messages before the damage, and brings the consumer back at its configured start.
 */
class DamagedStoreRestartTest {
    @TempDir
    Path dir;

    private Wirehub start() throws Exception {
        return Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(dir)).build());
    }

    @Test
    void damagedStreamsAndConsumersDoNotStopTheOthers() throws Exception {
        try (Wirehub server = start(); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStream js = nc.jetStream();
            for (String name : List.of("GARBLED", "HUGE", "FLIPPED", "FINE")) {
                jsm.addStream(StreamConfiguration.builder().name(name).subjects(name.toLowerCase() + ".>").build());
                for (int i = 1; i <= 10; i++) {
                    js.publish(name.toLowerCase() + ".x", ("m" + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            jsm.addOrUpdateConsumer("FINE", ConsumerConfiguration.builder().durable("D")
                    .ackPolicy(AckPolicy.Explicit).build());
        }
        Path streams = dir.resolve("jetstream/$G/streams");
        Files.writeString(streams.resolve("GARBLED/meta.inf"), "{\"name\": 17, \"subjects\": ");
        try (RandomAccessFile sparse = new RandomAccessFile(streams.resolve("HUGE/meta.inf").toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024); // no disk used; 3 GiB if it were read
        }
        Path block;
        try (Stream<Path> blocks = Files.list(streams.resolve("FLIPPED/msgs"))) {
            block = blocks.filter(b -> b.toString().endsWith(".blk")).sorted().toList().getLast(); // not its .idx
        }
        byte[] bytes = Files.readAllBytes(block);
        bytes[bytes.length - 10] ^= 0x40; // inside the last message's record
        Files.write(block, bytes);
        Files.write(streams.resolve("FINE/obs/D/o.dat"), new byte[] {'v', '1', ' ', -1, 0, '\n'});

        try (Wirehub server = start(); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            assertThat(jsm.getStreamNames()).containsExactlyInAnyOrder("FLIPPED", "FINE");
            for (String gone : List.of("GARBLED", "HUGE")) {
                Assertions.assertThatThrownBy(() -> jsm.getStreamInfo(gone)).isInstanceOf(JetStreamApiException.class)
                        .hasMessageContaining("stream not found");
            }
            StreamState flipped = jsm.getStreamInfo("FLIPPED").getStreamState();
            assertThat(flipped.getMsgCount()).isEqualTo(9);
            assertThat(flipped.getLastSequence()).isEqualTo(9);
            assertThat(new String(jsm.getMessage("FLIPPED", 9).getData(), StandardCharsets.UTF_8)).isEqualTo("m9");
            assertThat(jsm.getStreamInfo("FINE").getStreamState().getMsgCount()).isEqualTo(10);
            // The consumer's state was damaged: it is back, starting again from its configured start.
            assertThat(jsm.getConsumerInfo("FINE", "D").getNumPending()).isEqualTo(10);
            // The damaged stream takes new messages after what it kept.
            assertThat(nc.jetStream().publish("flipped.x", "new".getBytes(StandardCharsets.UTF_8)).getSeqno())
                    .isEqualTo(10);
        }
    }
}
