package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.WirehubTest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code stream sub} and {@code stream pub} as a user pipes them. */
@WirehubTest
class StreamCommandsTest {
    @Test
    void stdinReachesStdoutInOrder(Wirehub server) throws Exception {
        byte[] input = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(input);
        CompletableFuture<CommandRun> sub = CommandRun.inBackground("stream", "sub", "-s", server.clientUrl(),
                "pipe.1");
        Await.until(Duration.ofSeconds(10), () -> !server.router().index().match("pipe.1").isEmpty(), "reader waiting");
        CommandRun pub = CommandRun.withInput(input, "stream", "pub", "-s", server.clientUrl(), "pipe.1");
        assertThat(pub.exitCode()).as(pub.err()).isZero();
        assertThat(pub.err()).contains("Sent " + input.length + " bytes");
        CommandRun received = sub.get(30, TimeUnit.SECONDS);
        assertThat(received.exitCode()).as(received.err()).isZero();
        assertThat(received.outBytes()).isEqualTo(input);
        assertThat(received.err()).contains("SHA-256 ");
    }

    @Test
    void withoutAReaderPubFailsInOneLine(Wirehub server) {
        CommandRun pub = CommandRun.withInput("data", "stream", "pub", "-s", server.clientUrl(), "--timeout", "300ms",
                "pipe.nobody");
        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).isEqualTo("wirehub: no reader on \"pipe.nobody\" (start `wirehub stream sub pipe.nobody`"
                + " first)\n");
    }
}
