package io.wirehub.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirehub.server.jetstream.store.FileStore;
import io.wirehub.server.jetstream.store.FileStoreOptions;
import io.wirehub.server.jetstream.store.RecoveryReport;
import io.wirehub.server.jetstream.store.StoreLimits;
import io.wirehub.server.jetstream.store.StoreState;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Fuzzing of the file store's recovery (Jazzer, and a seeded run of the same cases): a valid store
 * is built, its block files are damaged (bit flips, truncation, garbage, huge or tiny length
 * fields, zeroed regions, records with a good checksum and an impossible sequence, swapped,
 * duplicated, deleted and foreign block files), and it is opened again. Opening must never throw
 * or hang; every message before the first damaged byte is there with its bytes; no message is
 * served with bytes it was not stored with; the report names damage exactly when a block is not
 * a run of good records, and the bytes it cut; and the store then appends and reopens cleanly.
 *
 * <p>Block indexes ({@code <id>.idx}, written for every block at close) take part in three
 * modes: the blocks are damaged with no index left (everything above holds for a scan); the
 * indexes are damaged and the blocks are good (every message is there, nothing reported, and
 * exactly the untouched indexes are used); or the blocks are damaged in the ways an index must
 * notice (length changed, a block swapped, copied, deleted or foreign, its first or last record
 * flipped) with the indexes left in place, where everything above holds again. Damage inside a
 * block whose index stays valid is found when that message is read (FileStoreIndexRecoveryTest).
 *
 * <p>The test reads block files with its own parser of the record format
 * ({@code [u32 length][u8 kind][u64 seq][u64 time][u16 subject length][subject][u32 headers
 * length][headers][payload][u32 CRC32C]}), so the store's scanner is checked against a second
 * reading, not against itself.
 */
class StoreRecoveryFuzzTest {
    private static final Path BASE = createBase();
    private static final int OVERHEAD = 4 + 1 + 8 + 8 + 2 + 4 + 4;
    private static final int MAX_RECORD = 64 * 1024 * 1024;
    private static final long MAX_SEQ = 1L << 62;
    private static final long SEED = 0x5EED_2026_1205L;
    private static final int SEEDED_CASES = 300;
    private static final Duration SEEDED_BUDGET = Duration.ofSeconds(15);

    private static Path createBase() {
        try {
            Path dir = Files.createTempDirectory("wirehub-store-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the choices come from: the fuzzer's bytes, or a seeded Random. */
    private interface Choices {
        /** A number from min to max, both included. */
        int pick(int min, int max);

        byte[] bytes(int n);
    }

    private record Fuzzed(FuzzedDataProvider data) implements Choices {
        @Override
        public int pick(int min, int max) {
            return data.consumeInt(min, max);
        }

        @Override
        public byte[] bytes(int n) {
            return Arrays.copyOf(data.consumeBytes(n), n);
        }
    }

    private record Seeded(Random random) implements Choices {
        @Override
        public int pick(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        @Override
        public byte[] bytes(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }
    }

    /** A stored message, as it was appended. */
    private record Msg(String subject, byte[] payload) {
    }

    /** One record of a block file, as this test's parser reads it. */
    private record Rec(int offset, int length, int kind, long seq) {
    }

    /** The store as it was closed: every message ever appended, which are live, the blocks and their indexes. */
    private record Built(Map<Long, Msg> appended, TreeSet<Long> live, TreeMap<String, byte[]> files,
            TreeMap<String, byte[]> indexes) {
    }

    /** Every kind of block damage {@link #damage} knows. */
    private static final int[] ANY_DAMAGE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    /** The block damage an index must notice: the length, the block's identity, its first or last record. */
    private static final int[] NOTICED_DAMAGE = {1, 5, 6, 7, 8, 9, 11};

    @FuzzTest(maxDuration = "30s")
    void damagedBlocksRecoverWhatCameBefore(FuzzedDataProvider data) throws IOException {
        // The store is built from a seed, so even a short input gets blocks worth damaging; the
        // fuzzer's bytes choose the damage.
        runCase(new Seeded(new Random(data.consumeLong())), new Fuzzed(data));
    }

    /** The same cases from a fixed seed, so every build checks them the same way; a hang fails it. */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(120)
    void seededDamageRecoversWhatCameBefore() throws IOException {
        Random seeds = new Random(SEED);
        long deadline = System.nanoTime() + SEEDED_BUDGET.toNanos();
        int cases = 0;
        while (cases < SEEDED_CASES && System.nanoTime() < deadline) {
            long seed = seeds.nextLong();
            try {
                Choices choices = new Seeded(new Random(seed));
                runCase(choices, choices);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + cases + " (seed " + seed + ") failed: " + e.getMessage(), e);
            }
            cases++;
        }
        assertThat(cases).as("cases run within %s", SEEDED_BUDGET).isGreaterThanOrEqualTo(100);
    }

    private static void runCase(Choices store, Choices damage) throws IOException {
        Path dir = Files.createTempDirectory(BASE, "store");
        try {
            long blockSize = store.pick(200, 4096);
            FileStoreOptions options = FileStoreOptions.defaults(StoreLimits.NONE).withBlockSize(blockSize);
            Built built = build(dir, options, store);
            TreeMap<String, byte[]> damaged;
            TreeMap<String, byte[]> indexes;
            switch (damage.pick(0, 2)) {
                case 0 -> {
                    damaged = damage(built.files(), damage, ANY_DAMAGE);
                    indexes = new TreeMap<>();
                }
                case 1 -> {
                    damaged = copy(built.files());
                    indexes = damageIndexes(built.indexes(), damage);
                }
                default -> {
                    damaged = damage(built.files(), damage, NOTICED_DAMAGE);
                    indexes = copy(built.indexes());
                }
            }
            writeFiles(dir.resolve("msgs"), built.files(), damaged);
            writeFiles(dir.resolve("msgs"), built.indexes(), indexes);
            check(dir, options, built, damaged, untouched(built, damaged, indexes));
        } finally {
            deleteTree(dir);
        }
    }

    private static Built build(Path dir, FileStoreOptions options, Choices choices) throws IOException {
        Map<Long, Msg> appended = new TreeMap<>();
        TreeSet<Long> live = new TreeSet<>();
        int steps = choices.pick(1, 80);
        try (FileStore store = FileStore.open(dir, options)) {
            for (int i = 0; i < steps; i++) {
                if (!live.isEmpty() && choices.pick(0, 5) == 0) {
                    Long seq = live.stream().skip(choices.pick(0, live.size() - 1)).findFirst().orElseThrow();
                    assertThat(store.remove(seq)).isTrue();
                    live.remove(seq);
                    continue;
                }
                String subject = "s." + choices.pick(0, 3);
                byte[] payload = new byte[choices.pick(0, 300)];
                for (int j = 0; j < payload.length; j++) {
                    payload[j] = (byte) (i * 31 + j);
                }
                long seq = store.append(subject, null, payload);
                appended.put(seq, new Msg(subject, payload));
                live.add(seq);
            }
        }
        TreeMap<String, byte[]> files = readFiles(dir.resolve("msgs"));
        TreeMap<String, byte[]> blocks = new TreeMap<>();
        TreeMap<String, byte[]> indexes = new TreeMap<>();
        files.forEach((name, bytes) -> (name.endsWith(".idx") ? indexes : blocks).put(name, bytes));
        assertThat(indexes.keySet()).as("every block indexed at close")
                .isEqualTo(blocks.keySet().stream().map(StoreRecoveryFuzzTest::indexName)
                        .collect(java.util.stream.Collectors.toSet()));
        return new Built(appended, live, blocks, indexes);
    }

    private static String indexName(String block) {
        return block.replace(".blk", ".idx");
    }

    private static TreeMap<String, byte[]> copy(TreeMap<String, byte[]> original) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        original.forEach((name, bytes) -> files.put(name, bytes.clone()));
        return files;
    }

    /** How many blocks keep their bytes and their index's: exactly the blocks opened from their index. */
    private static int untouched(Built built, TreeMap<String, byte[]> blocks, TreeMap<String, byte[]> indexes) {
        int count = 0;
        for (Map.Entry<String, byte[]> block : blocks.entrySet()) {
            byte[] original = built.files().get(block.getKey());
            byte[] index = indexes.get(indexName(block.getKey()));
            byte[] originalIndex = built.indexes().get(indexName(block.getKey()));
            if (original != null && Arrays.equals(original, block.getValue()) && index != null
                    && Arrays.equals(index, originalIndex)) {
                count++;
            }
        }
        return count;
    }

    /** One to three kinds of damage to a copy of the index files: the blocks stay good. */
    private static TreeMap<String, byte[]> damageIndexes(TreeMap<String, byte[]> original, Choices choices) {
        TreeMap<String, byte[]> files = copy(original);
        int count = choices.pick(1, 3);
        for (int i = 0; i < count && !files.isEmpty(); i++) {
            List<String> names = new ArrayList<>(files.keySet());
            String name = names.get(choices.pick(0, names.size() - 1));
            byte[] data = files.get(name);
            switch (choices.pick(0, 6)) {
                case 0 -> { // a flipped bit
                    if (data.length > 0) {
                        data[choices.pick(0, data.length - 1)] ^= (byte) (1 << choices.pick(0, 7));
                    }
                }
                case 1 -> files.put(name, Arrays.copyOf(data, choices.pick(0, Math.max(0, data.length - 1)))); // torn
                case 2 -> files.put(name,
                        overwrite(data, choices.pick(0, data.length), choices.bytes(choices.pick(1, 64))));
                case 3 -> { // two indexes swapped: each names the other block
                    String other = names.get(choices.pick(0, names.size() - 1));
                    files.put(name, files.get(other));
                    files.put(other, data);
                }
                case 4 -> files.remove(name);
                case 5 -> { // an index copied over another block's
                    String other = names.get(choices.pick(0, names.size() - 1));
                    files.put(other, data.clone());
                }
                default -> { // a zeroed region
                    int from = choices.pick(0, data.length);
                    Arrays.fill(data, from, Math.min(data.length, from + choices.pick(1, 256)), (byte) 0);
                }
            }
        }
        return files;
    }

    /** Applies one to three of the {@code kinds} of damage to a copy of the files; a missing file is deleted. */
    private static TreeMap<String, byte[]> damage(TreeMap<String, byte[]> original, Choices choices, int[] kinds) {
        TreeMap<String, byte[]> files = copy(original);
        int count = choices.pick(1, 3);
        for (int i = 0; i < count && !files.isEmpty(); i++) {
            List<String> names = new ArrayList<>(files.keySet());
            String name = names.get(choices.pick(0, names.size() - 1));
            byte[] data = files.get(name);
            switch (kinds[choices.pick(0, kinds.length - 1)]) {
                case 0 -> { // a flipped bit
                    if (data.length > 0) {
                        data[choices.pick(0, data.length - 1)] ^= (byte) (1 << choices.pick(0, 7));
                    }
                }
                case 1 -> files.put(name, Arrays.copyOf(data, choices.pick(0, data.length))); // torn
                case 2 -> files.put(name,
                        overwrite(data, choices.pick(0, data.length), choices.bytes(choices.pick(1, 64))));
                case 3 -> { // a record's length field replaced by an impossible or misleading one
                    List<Rec> records = parse(data);
                    if (!records.isEmpty()) {
                        Rec rec = records.get(choices.pick(0, records.size() - 1));
                        int[] lengths = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, MAX_RECORD + 1, 0, 3, OVERHEAD,
                            data.length - rec.offset() + 1, rec.length() + 1, rec.length() - 1};
                        ByteBuffer.wrap(data, rec.offset(), 4).putInt(lengths[choices.pick(0, lengths.length - 1)]);
                    }
                }
                case 4 -> { // a zeroed region (a page never written)
                    int from = choices.pick(0, data.length);
                    Arrays.fill(data, from, Math.min(data.length, from + choices.pick(1, 256)), (byte) 0);
                }
                case 5 -> { // two blocks' contents swapped
                    String other = names.get(choices.pick(0, names.size() - 1));
                    files.put(name, files.get(other));
                    files.put(other, data);
                }
                case 6 -> files.put(nextName(files), data.clone()); // a block copied after the last
                case 7 -> files.remove(name); // a block deleted
                case 8 -> files.put(nextName(files), choices.bytes(choices.pick(0, 200))); // a foreign file
                case 9 -> files.put(name, overwrite(data, data.length, choices.bytes(choices.pick(1, 64))));
                case 11 -> { // a bit flipped in the first or the last record
                    List<Rec> records = parse(data);
                    if (!records.isEmpty()) {
                        Rec rec = choices.pick(0, 1) == 0 ? records.getFirst() : records.getLast();
                        data[rec.offset() + choices.pick(0, rec.length() - 1)] ^= (byte) (1 << choices.pick(0, 7));
                    }
                }
                default -> { // a record whose checksum is right but whose sequence cannot be
                    long[] seqs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, MAX_SEQ + 1};
                    byte[] rec = record(choices.pick(1, 4), seqs[choices.pick(0, seqs.length - 1)]);
                    // At a record boundary (or the end), where the scanner reaches it.
                    List<Rec> records = parse(data);
                    int at = choices.pick(0, records.size());
                    int offset = at == records.size() ? data.length : records.get(at).offset();
                    files.put(name, overwrite(data, offset, rec));
                }
            }
        }
        return files;
    }

    private static void check(Path dir, FileStoreOptions options, Built built, TreeMap<String, byte[]> damaged,
            int indexed) {
        StoreState afterAppend;
        long appendedSeq;
        try (FileStore store = FileStore.open(dir, options)) {
            RecoveryReport report = store.recovery();
            long expectedCut = 0;
            for (byte[] data : damaged.values()) {
                expectedCut += data.length - validPrefix(data);
            }
            assertThat(report.clean()).as("damage reported (%s)", report).isEqualTo(expectedCut == 0);
            assertThat(report.truncatedBytes()).as("bytes cut").isEqualTo(expectedCut);
            assertThat(report.blocks()).isEqualTo(damaged.size());
            assertThat(report.indexedBlocks()).as("blocks opened from their index").isEqualTo(indexed);

            for (long seq : survivors(built, damaged)) {
                Optional<StoredMessage> loaded = store.load(seq);
                assertThat(loaded).as("seq %d, stored before the first damage", seq).isPresent();
            }
            // Whatever is served is what was stored under that sequence, never damaged bytes; and
            // the counters and the subject index agree with what is served.
            long served = 0;
            long bytes = 0;
            Map<String, Long> bySubject = new TreeMap<>();
            for (Optional<StoredMessage> m = store.loadNext(">", 0); m.isPresent();
                    m = store.loadNext(">", m.get().seq() + 1)) {
                Msg original = built.appended().get(m.get().seq());
                assertThat(original).as("seq %d was stored", m.get().seq()).isNotNull();
                assertThat(m.get().subject()).isEqualTo(original.subject());
                assertThat(m.get().payload()).isEqualTo(original.payload());
                served++;
                bytes += store.sizeOf(original.subject(), 0, original.payload().length);
                bySubject.merge(original.subject(), 1L, Long::sum);
            }
            StoreState recovered = store.state();
            assertThat(recovered.msgs()).isEqualTo(served);
            assertThat(recovered.bytes()).as("bytes").isEqualTo(bytes);
            assertThat(store.subjectTotals(">")).isEqualTo(bySubject);
            for (String subject : bySubject.keySet()) {
                assertThat(store.loadLast(subject).orElseThrow().subject()).isEqualTo(subject);
            }
            assertThat(recovered.lastSeq()).isLessThanOrEqualTo(MAX_SEQ);

            byte[] payload = "after recovery".getBytes(StandardCharsets.UTF_8);
            appendedSeq = store.append("after.recovery", null, payload);
            assertThat(appendedSeq).isEqualTo(recovered.lastSeq() + 1);
            assertThat(store.load(appendedSeq).orElseThrow().payload()).isEqualTo(payload);
            afterAppend = store.state();
        }
        try (FileStore store = FileStore.open(dir, options)) {
            assertThat(store.recovery().problems()).as("problems on the second open").isEmpty();
            assertThat(store.state()).isEqualTo(afterAppend);
            assertThat(store.load(appendedSeq)).isPresent();
        }
    }

    /**
     * The messages live at close whose records lie wholly before the first changed byte, block
     * files taken in the order the store reads them.
     */
    private static List<Long> survivors(Built built, TreeMap<String, byte[]> damaged) {
        List<Long> survivors = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : built.files().entrySet()) {
            byte[] before = file.getValue();
            byte[] after = damaged.getOrDefault(file.getKey(), new byte[0]);
            int changed = Arrays.mismatch(before, after);
            for (Rec rec : parse(before)) {
                if (changed >= 0 && rec.offset() + rec.length() > changed) {
                    return survivors;
                }
                if (rec.kind() == 1 && built.live().contains(rec.seq())) {
                    survivors.add(rec.seq());
                }
            }
            if (changed >= 0) {
                return survivors;
            }
        }
        return survivors;
    }

    /** The records of a whole, good block (the original files). */
    private static List<Rec> parse(byte[] data) {
        List<Rec> records = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int length = goodRecordAt(data, offset);
            if (length < 0) {
                break;
            }
            records.add(new Rec(offset, length, data[offset + 4], ByteBuffer.wrap(data, offset + 5, 8).getLong()));
            offset += length;
        }
        return records;
    }

    /** Bytes from the start that are good records: what recovery must keep of this file. */
    private static int validPrefix(byte[] data) {
        int offset = 0;
        while (offset < data.length) {
            int length = goodRecordAt(data, offset);
            if (length < 0) {
                return offset;
            }
            offset += length;
        }
        return offset;
    }

    /** The length of the good record at offset, or -1: every field checked against the bytes there. */
    private static int goodRecordAt(byte[] data, int offset) {
        if (data.length - offset < 4) {
            return -1;
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        int length = buf.getInt(offset);
        if (length < OVERHEAD || length > MAX_RECORD || length > data.length - offset) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(data, offset + 4, length - 8);
        if ((int) crc.getValue() != buf.getInt(offset + length - 4)) {
            return -1;
        }
        int kind = data[offset + 4];
        long seq = buf.getLong(offset + 5);
        if (kind < 1 || kind > 4 || seq < (kind == 4 ? 0 : 1) || seq > MAX_SEQ) {
            return -1;
        }
        int subjectLength = Short.toUnsignedInt(buf.getShort(offset + 21));
        if (subjectLength > length - OVERHEAD) {
            return -1;
        }
        int headersLength = buf.getInt(offset + 23 + subjectLength);
        return headersLength < 0 || headersLength > length - OVERHEAD - subjectLength ? -1 : length;
    }

    /** A marker or empty message record with a correct checksum. */
    private static byte[] record(int kind, long seq) {
        ByteBuffer buf = ByteBuffer.allocate(OVERHEAD);
        buf.putInt(OVERHEAD).put((byte) kind).putLong(seq).putLong(0).putShort((short) 0).putInt(0);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 4, OVERHEAD - 8);
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    /** {@code data} with {@code bytes} written at {@code at}, growing it if they reach past its end. */
    private static byte[] overwrite(byte[] data, int at, byte[] bytes) {
        byte[] out = Arrays.copyOf(data, Math.max(data.length, at + bytes.length));
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return out;
    }

    private static String nextName(TreeMap<String, byte[]> files) {
        long last = files.isEmpty() ? 0 : Long.parseLong(files.lastKey().substring(0, 10));
        return String.format("%010d.blk", last + 1);
    }

    private static TreeMap<String, byte[]> readFiles(Path msgs) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (var list = Files.list(msgs)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void writeFiles(Path msgs, TreeMap<String, byte[]> before, TreeMap<String, byte[]> after)
            throws IOException {
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                Files.delete(msgs.resolve(name));
            }
        }
        for (Map.Entry<String, byte[]> file : after.entrySet()) {
            Files.write(msgs.resolve(file.getKey()), file.getValue());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
