package io.wirehub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MsgFramesTest {
    /** Hands out at most {@code step} bytes per read, so frames arrive cut anywhere. */
    private static InputStream trickle(String text, int step) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void readsReplySubjectsOfFramesCutAcrossReadsAndSkipsPings() throws IOException {
        String wire = "MSG svc 1 _INBOX.a 5\r\nhello\r\nPING\r\nMSG svc 1 3\r\nabc\r\nMSG svc 1 _INBOX.b 0\r\n\r\n";
        for (int step = 1; step <= wire.length(); step++) {
            MsgFrames frames = new MsgFrames(trickle(wire, step));
            assertThat(frames.next()).as("step %d", step).isEqualTo("_INBOX.a");
            assertThat(frames.next()).isEmpty();
            assertThat(frames.next()).isEqualTo("_INBOX.b");
            assertThatThrownBy(frames::next).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void knowsWhetherAWholeFrameIsBufferedWithoutConsumingIt() throws IOException {
        MsgFrames frames = new MsgFrames(trickle("MSG a 1 r1 2\r\nhi\r\nMSG a 1 r2 2\r\nhi\r\nMSG a 1 r3 2\r\nh", 1024));
        assertThat(frames.next()).isEqualTo("r1");
        assertThat(frames.hasWholeFrame()).isTrue();
        assertThat(frames.next()).isEqualTo("r2");
        assertThat(frames.hasWholeFrame()).isFalse();
    }

    @Test
    void anErrFromTheServerEndsTheRun() {
        MsgFrames frames = new MsgFrames(trickle("-ERR 'Authorization Violation'\r\n", 64));
        assertThatThrownBy(frames::next).hasMessageContaining("Authorization Violation");
    }
}
