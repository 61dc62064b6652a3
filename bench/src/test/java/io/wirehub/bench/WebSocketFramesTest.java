package io.wirehub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {
    @Test
    void writesOneUnmaskedBinaryFramePerWriteWithTheRightLengthForm() throws IOException {
        int[] lengths = {0, 1, 125, 126, 65_535, 65_536, 200_000};
        int[] headers = {2, 2, 2, 4, 4, 10, 10};
        for (int i = 0; i < lengths.length; i++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            WebSocketFrames.output(wire).write(new byte[lengths[i]], 0, lengths[i]);
            byte[] frame = wire.toByteArray();
            assertThat(frame.length).as("frame of %d bytes", lengths[i]).isEqualTo(headers[i] + lengths[i]);
            assertThat(frame[0] & 0xFF).isEqualTo(0x82);
            assertThat(frame[1] & 0x80).as("mask bit").isZero();
        }
    }

    @Test
    void readsThePayloadsBackAcrossFramesAndSkipsControlFrames() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        OutputStream frames = WebSocketFrames.output(wire);
        byte[] first = "INFO {}\r\n".getBytes();
        byte[] second = new byte[70_000];
        Arrays.fill(second, (byte) 'x');
        frames.write(first, 0, first.length);
        wire.write(new byte[] {(byte) 0x89, 3, 'a', 'b', 'c'}); // a ping from the server, skipped
        frames.write(second, 0, second.length);
        InputStream in = WebSocketFrames.input(new ByteArrayInputStream(wire.toByteArray()));
        byte[] all = in.readAllBytes();
        assertThat(all.length).isEqualTo(first.length + second.length);
        assertThat(Arrays.copyOf(all, first.length)).isEqualTo(first);
        assertThat(all[all.length - 1]).isEqualTo((byte) 'x');
    }

    @Test
    void refusesMaskedServerFramesAndFramesCutShort() {
        InputStream masked = WebSocketFrames.input(new ByteArrayInputStream(new byte[] {(byte) 0x82, (byte) 0x81, 1, 2, 3, 4, 5}));
        assertThatThrownBy(masked::read).hasMessageContaining("masked");
        InputStream cut = WebSocketFrames.input(new ByteArrayInputStream(new byte[] {(byte) 0x82, 10, 'a'}));
        assertThatThrownBy(() -> cut.readNBytes(10)).isInstanceOf(IOException.class);
    }
}
