package io.wirehub.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirehub.server.jetstream.ConsumerStateFile;
import io.wirehub.server.jetstream.api.ConsumerConfig;
import io.wirehub.server.jetstream.api.ConsumerConfigJson;
import io.wirehub.server.jetstream.api.JsApiException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of a durable consumer's files on disk ({@code meta.inf}, {@code o.dat}): whatever they
 * hold, reading them back either gives a consumer, or fails with an IOException when meta.inf is
 * no config; never another exception, never a huge allocation. A damaged o.dat never stops the
 * consumer from coming back: it is dropped with the reason, and what is used is always in range.
 */
class ConsumerStateFuzzTest {
    private static final Path DIR = createDir();
    private static final long MAX_ACK_PENDING = 50;
    private static final ConsumerConfig CONFIG = config();
    private static final byte[] META = ("{\"created\":\"2026-12-05T11:00:00.123456789Z\",\"config\":"
            + ConsumerConfigJson.write(CONFIG) + "}").getBytes(StandardCharsets.UTF_8);
    private static final String VALID_STATE = "v1 12 9 8 11 5 7\n8 6 1\n10 7 3\n11 8 1\n";

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("wirehub-consumer-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConsumerConfig config() {
        try {
            return ConsumerConfigJson.parse(("{\"durable_name\":\"D\",\"ack_policy\":\"explicit\",\"max_ack_pending\":"
                    + MAX_ACK_PENDING + "}").getBytes(StandardCharsets.UTF_8));
        } catch (JsApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void damagedConsumerFilesNeverBreakRecovery(FuzzedDataProvider data) throws IOException {
        boolean damageMeta = data.consumeBoolean();
        boolean mutateValid = data.consumeBoolean();
        byte[] meta = damageMeta ? data.consumeBytes(data.consumeInt(0, 2000)) : META;
        byte[] state;
        if (mutateValid) {
            // A good file with a few bytes changed reaches further into the checks than noise.
            state = VALID_STATE.getBytes(StandardCharsets.US_ASCII);
            for (int i = data.consumeInt(1, 4); i > 0; i--) {
                state[data.consumeInt(0, state.length - 1)] = data.consumeByte();
            }
        } else {
            state = data.consumeRemainingAsBytes();
        }
        Files.write(DIR.resolve(ConsumerStateFile.META), meta);
        Files.write(DIR.resolve(ConsumerStateFile.STATE), state);
        ConsumerStateFile.Recovered recovered;
        try {
            recovered = ConsumerStateFile.read(DIR);
        } catch (IOException e) {
            assertThat(damageMeta).as("a good meta.inf refused: %s", e.getMessage()).isTrue();
            return;
        }
        checkState(recovered);
    }

    @Test
    void aGoodStateIsReadBack() throws IOException {
        ConsumerStateFile.Recovered r = readWith(VALID_STATE.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.config()).isEqualTo(CONFIG);
        assertThat(r.stateProblem()).isNull();
        assertThat(r.state().nextStreamSeq()).isEqualTo(12);
        assertThat(r.state().ackFloorStream()).isEqualTo(7);
        assertThat(r.state().pending()).hasSize(3);
        assertThat(r.state().pending().get(1)).containsExactly(10, 7, 3);
    }

    @Test
    void aDamagedStateIsDroppedWithItsReason() throws IOException {
        String[] damaged = {
            "", "\n\n\n\n", "v1 1 2 3\n", "v2 1 1 0 0 0 0\n", "v1 1 1 0 0 0 -5\n", "v1 1 1 0 0 0 99999999999999999999\n",
            "v1 1 1 0 0 0 0\n5 5\n", "v1 1 1 0 0 0 0\n0 1 1\n", "v1 1 1 0 0 0 0\n5 5 0\n",
            "v1 1 1 0 0 0 0\n5 5 1 7\n", "v1 1 1 0 0 0 0\n5 x 1\n", "v1 1 1 0 0 0 0 \n", "v1  1 1 0 0 0 0\n",
            "v1 1 1 0 0 0 0\n" + "1 1 1\n".repeat((int) MAX_ACK_PENDING + 1), "v1 1 1 0 0 0 0\n\u00e9 1 1\n",
        };
        for (String text : damaged) {
            ConsumerStateFile.Recovered r = readWith(text.getBytes(StandardCharsets.UTF_8));
            assertThat(r.state()).as("state from %s", text).isNull();
            assertThat(r.stateProblem()).as("reason for %s", text).isNotBlank();
            assertThat(r.config()).isEqualTo(CONFIG);
        }
    }

    @Test
    void hugeFilesAreRefusedWithoutReadingThem() throws IOException {
        Files.write(DIR.resolve(ConsumerStateFile.META), META);
        try (RandomAccessFile sparse = new RandomAccessFile(DIR.resolve(ConsumerStateFile.STATE).toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk, would take 3 GiB of heap
        }
        ConsumerStateFile.Recovered r = ConsumerStateFile.read(DIR);
        assertThat(r.state()).isNull();
        assertThat(r.stateProblem()).contains("more than");

        try (RandomAccessFile sparse = new RandomAccessFile(DIR.resolve(ConsumerStateFile.META).toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024);
        }
        assertThatThrownBy(() -> ConsumerStateFile.read(DIR)).isInstanceOf(IOException.class)
                .hasMessageContaining("more than");
        Files.delete(DIR.resolve(ConsumerStateFile.META));
        Files.delete(DIR.resolve(ConsumerStateFile.STATE));
    }

    @Test
    void metaWithoutAConfigIsAnIoError() throws IOException {
        String[] metas = {"", "null", "[]", "{}", "{\"config\":5}", "{\"config\":{\"ack_policy\":\"bogus\"}}",
            "{\"created\":\"yesterday\",\"config\":" + ConsumerConfigJson.write(CONFIG) + "}"};
        for (String meta : metas) {
            Files.write(DIR.resolve(ConsumerStateFile.META), meta.getBytes(StandardCharsets.UTF_8));
            Files.deleteIfExists(DIR.resolve(ConsumerStateFile.STATE));
            assertThatThrownBy(() -> ConsumerStateFile.read(DIR)).as(meta).isInstanceOf(IOException.class);
        }
    }

    private static ConsumerStateFile.Recovered readWith(byte[] state) throws IOException {
        Files.write(DIR.resolve(ConsumerStateFile.META), META);
        Files.write(DIR.resolve(ConsumerStateFile.STATE), state);
        ConsumerStateFile.Recovered r = ConsumerStateFile.read(DIR);
        checkState(r);
        return r;
    }

    /** What a recovered consumer may start from: the state in range, or none and a reason. */
    private static void checkState(ConsumerStateFile.Recovered r) {
        if (r.state() == null) {
            assertThat(r.stateProblem()).as("an o.dat was there, so a dropped one has a reason").isNotBlank();
            return;
        }
        ConsumerStateFile.Snapshot s = r.state();
        for (long v : new long[] {s.nextStreamSeq(), s.nextConsumerSeq(), s.deliveredConsumer(), s.deliveredStream(),
            s.ackFloorConsumer(), s.ackFloorStream()}) {
            assertThat(v).isNotNegative();
        }
        long limit = r.config().maxAckPending() > 0 ? r.config().maxAckPending() : Long.MAX_VALUE;
        assertThat((long) s.pending().size()).isLessThanOrEqualTo(limit);
        for (long[] p : s.pending()) {
            assertThat(p).hasSize(3);
            assertThat(p[0]).isPositive();
            assertThat(p[1]).isNotNegative();
            assertThat(p[2]).isPositive();
        }
    }
}
