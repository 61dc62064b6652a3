package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.WirehubTest;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two people in a chat room: lines typed by one are printed for both, with joins and leaves. */
@WirehubTest
class ChatCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A chat run whose stdin the test types into and whose stdout it reads as it grows. */
    private record Participant(PipedOutputStream keyboard, ByteArrayOutputStream screen, CompletableFuture<Integer> exit) {
        static Participant join(Wirehub server, String room, String name) throws Exception {
            PipedOutputStream keyboard = new PipedOutputStream();
            PipedInputStream stdin = new PipedInputStream(keyboard, 64 * 1024);
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            PrintWriter text = new PrintWriter(new java.io.OutputStreamWriter(screen, StandardCharsets.UTF_8), true);
            Console console = new Console(stdin, screen, text, new PrintWriter(new StringWriter(), true), false);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                    () -> Main.run(new String[] {"chat", "-s", server.clientUrl(), room, "--name", name}, console),
                    r -> Thread.ofPlatform().daemon(true).start(r));
            return new Participant(keyboard, screen, exit);
        }

        void type(String line) throws Exception {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        String shown() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void linesReachEveryoneInTheRoomWithJoinsAndLeaves(Wirehub server) throws Exception {
        Participant ada = Participant.join(server, "lobby", "ada");
        Await.until(WAIT, () -> ada.shown().contains("* ada joined"), "ada sees herself join");
        Participant bob = Participant.join(server, "lobby", "bob");
        Await.until(WAIT, () -> ada.shown().contains("* bob joined"), "ada sees bob join");
        bob.type("hello ada");
        ada.type("hi bob \u001b[31m");
        Await.until(WAIT, () -> ada.shown().contains("<bob> hello ada") && bob.shown().contains("<ada> hi bob"),
                "both lines on both screens");
        assertThat(bob.shown()).doesNotContain("\u001b").as("no terminal escapes from others");
        bob.keyboard().close(); // Ctrl-D
        assertThat(bob.exit().get(10, TimeUnit.SECONDS)).isZero();
        Await.until(WAIT, () -> ada.shown().contains("* bob left"), "ada sees bob leave");
        ada.keyboard().close();
        assertThat(ada.exit().get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void roomNamesAreChecked(Wirehub server) {
        CommandRun run = CommandRun.of("chat", "-s", server.clientUrl(), "bad.room", "--name", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("a room name is 1 to 64 letters");
    }
}
