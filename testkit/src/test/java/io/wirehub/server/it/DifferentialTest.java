package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.Transcript;
import io.wirehub.testkit.internal.TranscriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The same raw transcripts against nats-server and against Wirehub: the replies must be the same
 * (INFO contents aside) and what the transcript states. Without a nats-server binary, Wirehub is
 * still checked against the stated replies.
 */
class DifferentialTest {
    private static final Map<String, Wirehub> WIREHUBS = new HashMap<>();
    private static final Map<String, NatsServerProcess> NATS_SERVERS = new HashMap<>();

    @TestFactory
    Stream<DynamicTest> transcriptsAgreeWithNatsServer() {
        return Stream.concat(ProtocolTranscripts.all().stream(), AuthTranscripts.all().stream())
                .map(t -> DynamicTest.dynamicTest(t.name(), () -> check(t)));
    }

    private static void check(Transcript transcript) throws Exception {
        Wirehub wirehub = wirehubFor(transcript.config());
        List<String> ours = TranscriptRunner.run(transcript, "127.0.0.1", wirehub.port()).events();
        List<String> stated = TranscriptRunner.expectedEvents(transcript);
        if (NatsServerProcess.available()) {
            NatsServerProcess nats = natsServerFor(transcript.config());
            List<String> theirs = TranscriptRunner.run(transcript, nats.host(), nats.port()).events();
            // Where the transcript accepts any line (a random queue member, map order), the two
            // servers may rightly differ; everywhere else they must agree exactly.
            assertThat(maskFreeLines(ours, stated)).as("Wirehub's replies vs nats-server's")
                    .isEqualTo(maskFreeLines(theirs, stated));
        }
        assertThat(ours).hasSameSizeAs(stated);
        for (int i = 0; i < stated.size(); i++) {
            if (stated.get(i) != null) {
                assertThat(ours.get(i)).as("reply %d", i).isEqualTo(stated.get(i));
            }
        }
    }

    private static List<String> maskFreeLines(List<String> events, List<String> stated) {
        List<String> masked = new ArrayList<>(events);
        for (int i = 0; i < Math.min(masked.size(), stated.size()); i++) {
            if (stated.get(i) == null) {
                masked.set(i, "<any line>");
            }
        }
        return masked;
    }

    private static synchronized Wirehub wirehubFor(String config) throws Exception {
        String key = config == null ? "" : config;
        Wirehub server = WIREHUBS.get(key);
        if (server == null) {
            ServerConfig.Builder builder = ServerConfig.builder();
            if (config != null) {
                Path file = Files.createTempFile("wirehub-", ".conf");
                Files.writeString(file, config);
                builder = ConfigFileLoader.load(file).builder();
                Files.delete(file);
            }
            server = Wirehub.start(builder.host("127.0.0.1").port(0).build());
            WIREHUBS.put(key, server);
        }
        return server;
    }

    private static synchronized NatsServerProcess natsServerFor(String config) {
        return NATS_SERVERS.computeIfAbsent(config == null ? "" : config,
                key -> NatsServerProcess.start(key.isEmpty() ? null : key));
    }

    @AfterAll
    static void stopServers() {
        List<AutoCloseable> all = new ArrayList<>(WIREHUBS.values());
        all.addAll(NATS_SERVERS.values());
        for (AutoCloseable server : all) {
            try {
                server.close();
            } catch (Exception e) {
                // Stopping is best effort at the end of the class.
            }
        }
        WIREHUBS.clear();
        NATS_SERVERS.clear();
    }
}
