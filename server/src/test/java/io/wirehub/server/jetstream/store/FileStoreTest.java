package io.wirehub.server.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on disk, plus what only a file store can show: reopening, and damage. */
class FileStoreTest extends MessageStoreContract {
    @TempDir
    Path root;
    private int created;

    @Override
    protected MessageStore create(StoreLimits limits, long firstSeq) {
        return FileStore.open(root.resolve("s" + created++), options(limits).withFirstSeq(firstSeq));
    }

    private FileStoreOptions options(StoreLimits limits) {
        // Small blocks, so the contract tests cross block boundaries too.
        return FileStoreOptions.defaults(limits).withBlockSize(256).withClock(clock::get);
    }

    private FileStore open(Path dir) {
        return FileStore.open(dir, options(StoreLimits.NONE));
    }

    private static List<Path> blocks(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("msgs"))) {
            return files.filter(f -> f.toString().endsWith(".blk")).sorted().toList();
        }
    }

    @Test
    void everythingSurvivesACleanReopen() {
        Path dir = root.resolve("reopen");
        try (FileStore store = open(dir)) {
            for (int i = 1; i <= 50; i++) {
                store.append("s." + (i % 3), i % 2 == 0 ? bytes("NATS/1.0\r\n\r\n") : null, bytes("message " + i));
            }
            store.remove(7);
            store.erase(8);
            store.purge("s.1", 20, 0);
            store.skip(55);
        }
        try (FileStore store = open(dir)) {
            assertThat(store.recovery().clean()).isTrue();
            StoreState state = store.state();
            assertThat(state.lastSeq()).isEqualTo(55);
            assertThat(store.load(7)).isEmpty();
            assertThat(store.load(8)).isEmpty();
            assertThat(store.load(10)).isEmpty(); // s.1 below 20
            assertThat(store.load(11).orElseThrow().subject()).isEqualTo("s.2");
            assertThat(text(store.load(50).orElseThrow().payload())).isEqualTo("message 50");
            assertThat(text(store.load(50).orElseThrow().headers())).isEqualTo("NATS/1.0\r\n\r\n");
            assertThat(state.msgs()).isEqualTo(50 - 2 - 6);
            assertThat(store.append("s.0", null, bytes("after"))).isEqualTo(56);
        }
    }

    @Test
    void purgeAndFirstSeqSurviveAReopenAndEmptyBlocksAreDeleted() throws IOException {
        Path dir = root.resolve("purged");
        try (FileStore store = open(dir)) {
            for (int i = 0; i < 40; i++) {
                store.append("a", null, bytes("0123456789"));
            }
            assertThat(blocks(dir).size()).isGreaterThan(3);
            store.purge();
            assertThat(blocks(dir)).hasSize(1);
        }
        try (FileStore store = open(dir)) {
            assertThat(store.state()).isEqualTo(new StoreState(0, 0, 41, 0, 40, 0, 0, 0));
            assertThat(store.append("a", null, bytes("x"))).isEqualTo(41);
        }
        Path fresh = root.resolve("first");
        FileStore.open(fresh, options(StoreLimits.NONE).withFirstSeq(1000)).close();
        try (FileStore store = open(fresh)) {
            assertThat(store.append("a", null, bytes("x"))).isEqualTo(1000);
        }
    }

    @Test
    void aTornTailIsCutAndEverythingBeforeItKept() throws IOException {
        Path dir = root.resolve("torn");
        try (FileStore store = open(dir)) {
            for (int i = 1; i <= 20; i++) {
                store.append("a", null, bytes("message " + i));
            }
        }
        Path last = blocks(dir).getLast();
        long size = Files.size(last);
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5); // a write cut short by a crash
        }
        try (FileStore store = open(dir)) {
            assertThat(store.recovery().clean()).isFalse();
            assertThat(store.recovery().lostSeqs()).containsExactly(20L);
            assertThat(store.state().lastSeq()).isEqualTo(19);
            assertThat(text(store.load(19).orElseThrow().payload())).isEqualTo("message 19");
            assertThat(store.append("a", null, bytes("again"))).isEqualTo(20);
        }
        try (FileStore store = open(dir)) {
            assertThat(store.recovery().clean()).isTrue();
            assertThat(text(store.load(20).orElseThrow().payload())).isEqualTo("again");
        }
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws IOException {
        Path dir = root.resolve("flipped");
        try (FileStore store = open(dir)) {
            for (int i = 1; i <= 20; i++) {
                store.append("a", null, bytes("message " + i));
            }
        }
        Path last = blocks(dir).getLast();
        long size = Files.size(last);
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, size - 8);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, size - 8); // inside the last payload
        }
        try (FileStore store = open(dir)) {
            assertThat(store.recovery().lostSeqs()).containsExactly(20L);
            assertThat(store.recovery().truncatedBytes()).isPositive();
            assertThat(store.state().msgs()).isEqualTo(19);
            assertThat(store.load(20)).isEmpty();
        }
    }

    @Test
    void aLengthPointingPastTheFileIsDamageNotARead() throws IOException {
        Path dir = root.resolve("length");
        try (FileStore store = open(dir)) {
            store.append("a", null, bytes("one"));
        }
        Path last = blocks(dir).getLast();
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(7).flip());
        }
        try (FileStore store = open(dir)) {
            assertThat(store.recovery().truncatedBytes()).isEqualTo(8);
            assertThat(store.state().msgs()).isEqualTo(1);
            assertThat(store.append("a", null, bytes("two"))).isEqualTo(2);
        }
    }

    @Test
    void damageInAnOlderBlockReportsTheSequencesItLost() throws IOException {
        Path dir = root.resolve("middle");
        try (FileStore store = open(dir)) {
            for (int i = 1; i <= 30; i++) {
                store.append("a", null, bytes("message " + i));
            }
        }
        List<Path> files = blocks(dir);
        assertThat(files.size()).isGreaterThan(2);
        Path first = files.getFirst();
        long size = Files.size(first);
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }
        try (FileStore store = open(dir)) {
            List<Long> lost = store.recovery().lostSeqs();
            assertThat(lost).isNotEmpty();
            long lastKept = store.loadNext(null, 1).orElseThrow().seq();
            assertThat(lastKept).isEqualTo(1);
            for (long seq : lost) {
                assertThat(store.load(seq)).isEmpty();
            }
            assertThat(store.state().msgs() + lost.size()).isEqualTo(30);
            assertThat(store.state().lastSeq()).isEqualTo(30);
        }
    }

    @Test
    void aBlockLongerThanAnyBlockIsCutWithoutReadingItAll() throws IOException {
        Path dir = root.resolve("huge");
        try (FileStore store = open(dir)) {
            store.append("a", null, bytes("one"));
        }
        Path last = blocks(dir).getLast();
        long good = Files.size(last);
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(last.toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024); // sparse: no disk, but 3 GiB if read whole
        }
        try (FileStore store = open(dir)) {
            assertThat(store.recovery().truncatedBytes()).isEqualTo(3L * 1024 * 1024 * 1024 - good);
            assertThat(store.state().msgs()).isEqualTo(1);
            assertThat(Files.size(last)).isEqualTo(good);
            assertThat(store.append("a", null, bytes("two"))).isEqualTo(2);
        }
    }

    @Test
    void aRecordWithAGoodChecksumAndAnImpossibleSequenceIsDamage() throws IOException {
        Path dir = root.resolve("impossible");
        try (FileStore store = open(dir)) {
            store.append("a", null, bytes("one"));
        }
        try (FileChannel channel = FileChannel.open(blocks(dir).getLast(), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(RecordCodec.encode(new Record(Record.Kind.MESSAGE, Long.MAX_VALUE, 0, "a",
                    IndexedStore.EMPTY, bytes("x"))));
        }
        try (FileStore store = open(dir)) {
            assertThat(store.recovery().clean()).isFalse();
            assertThat(store.state().lastSeq()).isEqualTo(1);
            // Had it been believed, the next sequence would have overflowed to a negative one.
            assertThat(store.append("a", null, bytes("two"))).isEqualTo(2);
        }
    }

    @Test
    void aCopiedBlockReplacesItsSequencesInsteadOfCountingThemTwice() throws IOException {
        Path dir = root.resolve("copied");
        try (FileStore store = open(dir)) {
            for (int i = 1; i <= 12; i++) {
                store.append(i % 2 == 0 ? "even" : "odd", null, bytes("message " + i));
            }
        }
        StoreState before;
        try (FileStore store = open(dir)) {
            before = store.state();
        }
        List<Path> files = blocks(dir);
        long lastId = MessageBlock.idOf(files.getLast());
        Files.copy(files.getFirst(), dir.resolve("msgs").resolve(MessageBlock.name(lastId + 1)));
        try (FileStore store = open(dir)) {
            assertThat(store.state().msgs()).isEqualTo(before.msgs());
            assertThat(store.state().bytes()).isEqualTo(before.bytes());
            assertThat(store.subjectTotals(">")).containsEntry("odd", 6L).containsEntry("even", 6L);
        }
    }

    @Test
    void blockNamesPastTenDigitsAreStillBlocks() {
        assertThat(MessageBlock.idOf(Path.of(MessageBlock.name(10_000_000_000L)))).isEqualTo(10_000_000_000L);
        assertThat(MessageBlock.idOf(Path.of("0000000007.blk"))).isEqualTo(7);
        assertThat(MessageBlock.idOf(Path.of("7.blk"))).isEqualTo(-1);
        assertThat(MessageBlock.idOf(Path.of("0000000007.blk.tmp"))).isEqualTo(-1);
    }
}
