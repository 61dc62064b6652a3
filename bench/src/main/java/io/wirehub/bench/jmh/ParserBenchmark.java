package io.wirehub.bench.jmh;

import io.wirehub.server.protocol.OpHandler;
import io.wirehub.server.protocol.ProtocolParser;
import io.wirehub.server.protocol.ProtocolViolation;
import io.wirehub.server.protocol.PublishArgs;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The protocol parser on a read buffer of {@value #OPS} PUB ops, as a fast publisher's reads look:
 * ns per op and, with {@code -prof gc}, bytes allocated per op (the hot path should allocate none).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {
    static final int OPS = 1000;

    @Param({"16", "1024"})
    int payload;

    byte[] batch;
    ProtocolParser parser;
    Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        StringBuilder ops = new StringBuilder();
        String body = "x".repeat(payload);
        for (int i = 0; i < OPS; i++) {
            ops.append("PUB orders.eu.created ").append(payload).append("\r\n").append(body).append("\r\n");
        }
        batch = ops.toString().getBytes(StandardCharsets.ISO_8859_1);
        parser = new ProtocolParser(new Handler(), 4096, 1024 * 1024);
        parser.headersEnabled(true);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void parsePublishes() throws ProtocolViolation {
        parser.parse(batch, 0, batch.length);
    }

    /** Consumes what the parser reports so nothing is optimised away. */
    private final class Handler implements OpHandler {
        @Override
        public void onPublish(PublishArgs args, byte[] data, int dataOffset) {
            sink.consume(args.totalLength());
            sink.consume(data[dataOffset]);
        }

        @Override
        public void onConnect(byte[] buf, int offset, int length) {
        }

        @Override
        public void onSubscribe(byte[] line, int subjectOffset, int subjectLength, int queueOffset, int queueLength,
                                int sidOffset, int sidLength) {
        }

        @Override
        public void onUnsubscribe(byte[] line, int sidOffset, int sidLength, long maxMessages) {
        }

        @Override
        public void onPing() {
        }

        @Override
        public void onPong() {
        }

        @Override
        public void onInfo(byte[] buf, int offset, int length) {
        }

        @Override
        public void onClientError(byte[] buf, int offset, int length) {
        }
    }
}
