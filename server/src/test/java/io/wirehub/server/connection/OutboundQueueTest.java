package io.wirehub.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

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

    private static void append(OutboundQueue queue, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        queue.lock();
        try {
            assertThat(queue.reserve(bytes.length)).isTrue();
            queue.put(bytes);
        } finally {
            queue.unlock();
        }
    }

    @Test
    void keepsOrderAcrossChunksAndReturnsBudgetWhenWritten() {
        BufferPool pool = new BufferPool(8, 16);
        OutboundQueue queue = new OutboundQueue(pool, 1000);
        append(queue, "hello ");
        append(queue, "world, this spans several chunks");
        assertThat(queue.pendingBytes()).isEqualTo(38);
        assertThat(drain(queue)).isEqualTo("hello world, this spans several chunks");
        assertThat(queue.pendingBytes()).isZero();
        assertThat(pool.idleBuffers()).isEqualTo(5);
        append(queue, "again");
        assertThat(drain(queue)).isEqualTo("again");
    }

    @Test
    void refusesWhatWouldPassMaxPending() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(16, 4), 10);
        queue.lock();
        try {
            assertThat(queue.reserve(10)).isTrue();
            queue.put("0123456789".getBytes(StandardCharsets.US_ASCII));
            assertThat(queue.reserve(1)).isFalse();
        } finally {
            queue.unlock();
        }
        assertThat(queue.pendingBytes()).isEqualTo(10);
    }

    @Test
    void digitsAreWrittenWithoutLeadingZeros() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(64, 4), 1000);
        queue.lock();
        try {
            queue.reserve(40);
            queue.putDigits(0);
            queue.put((byte) ' ');
            queue.putDigits(7);
            queue.put((byte) ' ');
            queue.putDigits(1048576);
            queue.put((byte) ' ');
            queue.putDigits(Long.MAX_VALUE);
        } finally {
            queue.unlock();
        }
        assertThat(drain(queue)).isEqualTo("0 7 1048576 " + Long.MAX_VALUE);
    }

    @Test
    void closedQueueRefusesAndDiscardDropsQueuedBytes() {
        OutboundQueue queue = new OutboundQueue(new BufferPool(16, 4), 1000);
        append(queue, "pending");
        queue.close(true);
        assertThat(queue.isEmpty()).isTrue();
        queue.lock();
        try {
            assertThat(queue.reserve(1)).isFalse();
        } finally {
            queue.unlock();
        }
    }
}
