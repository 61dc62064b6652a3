package io.wirehub.files;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindTest {
    @TempDir
    Path dir;

    @Test
    void forcesEachStepInTheBackgroundAndReportsAFailedForceWhenFinished() throws Exception {
        FileChannel channel = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        WriteBehind writeBehind = new WriteBehind(channel, 0, 1024);
        channel.write(ByteBuffer.wrap(new byte[2048]));
        writeBehind.written(2048);
        assertThatCode(writeBehind::finish).doesNotThrowAnyException();

        // A force that fails in the background (here: on a closed channel) is not lost.
        channel.close();
        writeBehind.written(2048 + 1023);
        assertThatCode(writeBehind::finish).as("less than a step: no force").doesNotThrowAnyException();
        writeBehind.written(2048 + 1024);
        assertThatThrownBy(writeBehind::finish).isInstanceOf(ClosedChannelException.class);
    }
}
