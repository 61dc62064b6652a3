package io.wirehub.bench.jmh;

import io.wirehub.server.connection.BufferPool;
import io.wirehub.server.connection.OutboundQueue;
import io.wirehub.server.protocol.PublishArgs;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The outbound queue as the message path uses it: {@value #MESSAGES} messages appended one by one
 * (each encoded as MSG under the queue's lock, as a delivery does), then taken as one batch and
 * released, as the writer does after a gathering write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboundQueueBenchmark {
    static final int MESSAGES = 256;

    @Param({"16", "1024"})
    int payload;

    OutboundQueue queue;
    OutboundQueue.Batch batch;
    PublishArgs message;
    byte[] sid;
    byte[] body;

    @Setup
    public void setUp() {
        queue = new OutboundQueue(new BufferPool(16 * 1024, 4096), 64L * 1024 * 1024);
        batch = new OutboundQueue.Batch();
        body = new byte[payload];
        message = new PublishArgs();
        message.compose("orders.eu.created", null, 0, payload);
        sid = "1".getBytes();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int appendThenDrain() {
        for (int i = 0; i < MESSAGES; i++) {
            queue.appendMessage(message, body, 0, sid, true);
        }
        queue.takeAll(batch);
        int chunks = batch.count();
        for (int i = 0; i < chunks; i++) {
            batch.chunks()[i].position(batch.chunks()[i].limit()); // as if written
        }
        queue.written(batch);
        return chunks;
    }
}
