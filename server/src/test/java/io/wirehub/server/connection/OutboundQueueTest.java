package io.wirehub.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.protocol.PublishArgs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    private static final byte[] SID = {'7'};

    private static String drain(OutboundQueue queue) {
        OutboundQueue.Batch batch = queue.takeAll(new OutboundQueue.Batch());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < batch.count(); i++) {
            ByteBuffer chunk = batch.chunks()[i].duplicate();
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            text.append(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        queue.written(batch);
        return text.toString();
    }

    private static boolean control(OutboundQueue queue, String text) {
        return queue.appendControl(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static OutboundQueue.Appended message(OutboundQueue queue, String subject, String payload) {
        PublishArgs args = new PublishArgs();
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        args.compose(subject, null, 0, data.length);
        return queue.appendMessage(args, data, 0, SID, true);
    }

    @Test
    void keepsOrderAcrossChunksAndReturnsBudgetWhenWritten() {
        BufferPool pool = new BufferPool(8, 16);
        OutboundQueue queue = new OutboundQueue(pool, 1000);
        assertThat(control(queue, "hello ")).isTrue();
        assertThat(control(queue, "world, this spans several chunks")).isTrue();
        assertThat(queue.pendingBytes()).isEqualTo(38);
        assertThat(drain(queue)).isEqualTo("hello world, this spans several chunks");
        assertThat(queue.pendingBytes()).isZero();
        assertThat(pool.idleBuffers()).isEqualTo(5);
        control(queue, "again");
        assertThat(drain(queue)).isEqualTo("again");
    }

    @Test
    void messagesAreEncodedWholeAndCountedWithTheirPayloadBytes() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(16, 16), 1000);
        assertThat(message(queue, "orders.eu", "hello")).isEqualTo(OutboundQueue.Appended.QUEUED);
        control(queue, "PING\r\n");
        assertThat(message(queue, "x", "")).isEqualTo(OutboundQueue.Appended.QUEUED);
        assertThat(drain(queue)).isEqualTo("MSG orders.eu 7 5\r\nhello\r\nPING\r\nMSG x 7 0\r\n\r\n");
        assertThat(queue.queuedMessages()).as("control lines are not messages").isEqualTo(2);
        assertThat(queue.queuedMessageBytes()).isEqualTo(5);
    }

    @Test
    void refusesWhatWouldPassMaxPendingWhole() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(16, 4), 10);
        assertThat(control(queue, "0123456789")).isTrue();
        assertThat(control(queue, "x")).isFalse();
        assertThat(message(queue, "a", "")).isEqualTo(OutboundQueue.Appended.REFUSED);
        assertThat(queue.pendingBytes()).isEqualTo(10);
        assertThat(queue.queuedMessages()).isZero();
        assertThat(drain(queue)).isEqualTo("0123456789");
    }

    @Test
    void saysWhenTheQueueIsPastTheStallThreshold() {
        // max_pending 100: the stall threshold is 75. "MSG s 7 40\r\n" + 40 bytes + CRLF = 54 bytes.
        OutboundQueue queue = new OutboundQueue(new BufferPool(64, 8), 100);
        assertThat(message(queue, "s", "x".repeat(40))).isEqualTo(OutboundQueue.Appended.QUEUED);
        assertThat(control(queue, "y".repeat(30))).isTrue();
        // "MSG s 7 0\r\n\r\n" is 13 bytes: 97 pending, past the threshold but within max_pending.
        assertThat(message(queue, "s", "")).isEqualTo(OutboundQueue.Appended.QUEUED_BEHIND);
        assertThat(message(queue, "s", "")).as("110 would pass 100").isEqualTo(OutboundQueue.Appended.REFUSED);
        assertThat(queue.pendingBytes()).isEqualTo(97);
    }

    @Test
    void closedQueueRefusesAndDiscardDropsQueuedBytes() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(16, 4), 1000);
        control(queue, "pending");
        queue.close(true);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(control(queue, "x")).isFalse();
        assertThat(message(queue, "a", "b")).isEqualTo(OutboundQueue.Appended.REFUSED);
    }

    private static String text(OutboundQueue.Batch batch) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < batch.count(); i++) {
            ByteBuffer chunk = batch.chunks()[i].duplicate();
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            text.append(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    /** Consumes {@code bytes} from the front of a batch, as a socket that took only that much would. */
    private static void consume(OutboundQueue.Batch batch, int bytes) {
        for (int i = 0; i < batch.count() && bytes > 0; i++) {
            ByteBuffer chunk = batch.chunks()[i];
            int step = Math.min(bytes, chunk.remaining());
            chunk.position(chunk.position() + step);
            bytes -= step;
        }
    }

    @Test
    void whatAnInPlaceWriteLeavesIsWrittenBeforeAnythingQueuedSince() {
        BufferPool pool = new BufferPool(8, 16);
        OutboundQueue queue = new OutboundQueue(pool, 1000);
        control(queue, "first part, then ");
        OutboundQueue.Batch inPlace = new OutboundQueue.Batch();
        assertThat(queue.claimIdle(inPlace)).isEqualTo(OutboundQueue.Claim.CLAIMED);

        // While the in-place thread holds the socket, the writer takes nothing and others queue.
        control(queue, "queued later");
        assertThat(queue.takeAll(new OutboundQueue.Batch()).count()).isZero();
        assertThat(queue.claimIdle(new OutboundQueue.Batch())).isEqualTo(OutboundQueue.Claim.BUSY);

        consume(inPlace, 5); // the socket took "first"
        assertThat(queue.releaseInPlace(inPlace, 5)).as("bytes left: the writer must run").isTrue();
        assertThat(queue.pendingBytes()).isEqualTo(12 + 12);
        assertThat(queue.claimIdle(new OutboundQueue.Batch()))
                .as("carried bytes go through the writer, never in place").isEqualTo(OutboundQueue.Claim.BUSY);
        assertThat(drain(queue)).isEqualTo(" part, then queued later");
        assertThat(queue.pendingBytes()).isZero();
        assertThat(queue.claimIdle(new OutboundQueue.Batch())).isEqualTo(OutboundQueue.Claim.NOTHING);
    }

    @Test
    void anInPlaceWriteThatTookEverythingLeavesTheQueueIdle() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(8, 16), 1000);
        control(queue, "PONG\r\n");
        OutboundQueue.Batch inPlace = new OutboundQueue.Batch();
        assertThat(queue.claimIdle(inPlace)).isEqualTo(OutboundQueue.Claim.CLAIMED);
        assertThat(text(inPlace)).isEqualTo("PONG\r\n");
        consume(inPlace, 6);
        assertThat(queue.releaseInPlace(inPlace, 6)).isFalse();
        assertThat(queue.isIdle()).isTrue();
        assertThat(queue.pendingBytes()).isZero();
    }

    @Test
    void noInPlaceWriteWhileTheWriterHoldsTheSocketOrAfterClose() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(8, 16), 1000);
        control(queue, "abc");
        OutboundQueue.Batch writer = queue.takeAll(new OutboundQueue.Batch());
        control(queue, "def");
        assertThat(queue.claimIdle(new OutboundQueue.Batch())).isEqualTo(OutboundQueue.Claim.BUSY);
        queue.written(writer);
        queue.close(false);
        assertThat(queue.claimIdle(new OutboundQueue.Batch()))
                .as("a closing queue is drained by the writer, which then closes").isEqualTo(OutboundQueue.Claim.BUSY);
        assertThat(drain(queue)).isEqualTo("def");
    }
}
