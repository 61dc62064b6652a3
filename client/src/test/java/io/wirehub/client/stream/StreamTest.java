package io.wirehub.client.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ordered byte streams end to end: fast, through a slow reader, with losses, and when a side vanishes. */
class StreamTest {
    private static final StreamOptions FAST_FAIL = StreamOptions.DEFAULTS.withTimeouts(Duration.ofMillis(300),
            Duration.ofSeconds(3));

    Wirehub server;
    Connection writerConnection;
    Connection readerConnection;

    @BeforeEach
    void start() throws Exception {
        server = Wirehub.start();
        writerConnection = Nats.connect(server.clientUrl());
        readerConnection = Nats.connect(server.clientUrl());
    }

    @AfterEach
    void stop() throws Exception {
        writerConnection.close();
        readerConnection.close();
        server.close();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private CompletableFuture<StreamReader.Result> reader(String subject, OutputStream out, StreamOptions options) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return StreamReader.copy(readerConnection, subject, out, options);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon(true).start(r));
    }

    @Test
    void bytesArriveInOrderAndVerified() throws Exception {
        byte[] input = random(8 * 1024 * 1024 + 17);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CompletableFuture<StreamReader.Result> reading = reader("stream.fast", output, StreamOptions.DEFAULTS);
        long started = System.nanoTime();
        try (StreamWriter writer = StreamWriter.open(writerConnection, "stream.fast", StreamOptions.DEFAULTS)) {
            for (int i = 0; i < input.length; i += 10_000) {
                writer.write(input, i, Math.min(10_000, input.length - i));
            }
        }
        StreamReader.Result result = reading.get(30, TimeUnit.SECONDS);
        double mbPerSecond = input.length / 1e6 / ((System.nanoTime() - started) / 1e9);
        System.out.printf("stream of %d bytes: %.0f MB/s%n", input.length, mbPerSecond);
        assertThat(output.toByteArray()).isEqualTo(input);
        assertThat(result.bytes()).isEqualTo(input.length);
    }

    @Test
    void aSlowReaderHoldsTheWriterBackAndLosesNothing() throws Exception {
        StreamOptions small = StreamOptions.DEFAULTS.withChunks(4096, 4);
        byte[] input = random(200 * 4096 + 99);
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        // Consumes a chunk every 2 ms: pacing the consumer, the thing under test, not waiting for an event.
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sink.write(b, off, len);
                written.addAndGet(len);
            }
        };
        CompletableFuture<StreamReader.Result> reading = reader("stream.slow", slow, small);
        try (StreamWriter writer = StreamWriter.open(writerConnection, "stream.slow", small)) {
            for (int i = 0; i < input.length; i += 1000) {
                writer.write(input, i, Math.min(1000, input.length - i));
                maxInFlight.accumulateAndGet(writer.inFlight(), Math::max);
                // The writer is never more than the window ahead of what the slow reader consumed.
                assertThat(writer.bytes() - written.get()).isLessThanOrEqualTo(4L * 4096 + 4096);
            }
        }
        reading.get(60, TimeUnit.SECONDS);
        assertThat(sink.toByteArray()).isEqualTo(input);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(4).isPositive();
    }

    @Test
    void lostChunksAreSentAgain() throws Exception {
        byte[] input = random(300 * 1024);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CompletableFuture<StreamReader.Result> reading = reader("stream.lossy", output, FAST_FAIL);
        // A writer whose connection drops every 7th data message on the floor, as a slow consumer cut would.
        LossyConnection lossy = new LossyConnection(writerConnection, 7);
        try (StreamWriter writer = StreamWriter.open(lossy.proxy(), "stream.lossy", FAST_FAIL)) {
            writer.write(input);
        }
        assertThat(lossy.dropped.get()).as("chunks really were lost on the way").isPositive();
        assertThat(reading.get(60, TimeUnit.SECONDS).bytes()).isEqualTo(input.length);
        assertThat(output.toByteArray()).isEqualTo(input);
    }

    @Test
    void noReaderIsAClearError() {
        assertThatThrownBy(() -> StreamWriter.open(writerConnection, "stream.nobody", FAST_FAIL))
                .isInstanceOf(IOException.class).hasMessageContaining("no reader on \"stream.nobody\"");
    }

    @Test
    void aReaderThatGoesAwayMakesTheWriterFail() throws Exception {
        StreamOptions small = FAST_FAIL.withChunks(1024, 2);
        OutputStream broken = new OutputStream() {
            private int chunks;

            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++chunks > 3) {
                    throw new IOException("disk full");
                }
            }
        };
        CompletableFuture<StreamReader.Result> reading = reader("stream.broken", broken, small);
        assertThatThrownBy(() -> {
            try (StreamWriter writer = StreamWriter.open(writerConnection, "stream.broken", small)) {
                writer.write(random(100 * 1024));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
        assertThat(reading).failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aWriterThatVanishesMakesTheReaderFail() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CompletableFuture<StreamReader.Result> reading = reader("stream.vanish", output, FAST_FAIL);
        try (Connection doomed = Nats.connect(server.clientUrl())) {
            StreamWriter writer = StreamWriter.open(doomed, "stream.vanish", FAST_FAIL);
            writer.write(random(10_000));
            writer.flush();
        } // connection closed without END
        assertThat(reading).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .withMessageContaining("the writer went silent");
    }
}
