package io.wirehub.server.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store on disk: one directory per stream, holding {@code msgs/<n>.blk} append-only block files
 * (format: {@link RecordCodec}). Deletes are records too (tombstones and first-sequence markers),
 * so the files alone say what the stream holds. Opening replays each block's index
 * ({@link BlockIndex}) when it provably describes the block, and otherwise scans the block, checks
 * every record, and cuts it at its first damaged record ({@link #recovery()} says what was lost).
 *
 * <p>An append is written to the OS before it returns (it survives kill -9); with
 * {@link FileStoreOptions#syncAlways()} it is also on disk, through a {@link GroupCommit}.
 */
public final class FileStore extends IndexedStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    /** Where a message's record is. */
    private record Location(MessageBlock block, long offset, int length) {
    }

    /** Runs of blocks compacted at most per new block, bounding the pause of one append. */
    private static final int MAX_COMPACTIONS_PER_ROLL = 4;

    /** The two markers every block starts with; a block holding only them is not rolled. */
    private static final long HEADER_BYTES = 2L * RecordCodec.OVERHEAD;
    /** At most how many lost sequences a recovery report lists (a damaged block may lose millions). */
    private static final int MAX_LOST_LISTED = 10_000;

    private final Path dir;
    private final FileStoreOptions options;
    private final GroupCommit groupCommit;
    // Guarded by lock (the blocks, and which one is written).
    private final Deque<MessageBlock> blocks = new ArrayDeque<>();
    private boolean recovering = true;
    private RecoveryReport recovery;

    private FileStore(Path dir, FileStoreOptions options, long firstSeq) {
        super(options.limits(), firstSeq, options.clockNanos());
        this.dir = dir;
        this.options = options;
        this.groupCommit = new GroupCommit(this::written, 0);
    }

    /** Opens the store in {@code dir}, creating it, or recovering what its blocks hold. */
    public static FileStore open(Path dir, FileStoreOptions options) {
        Path msgs = dir.resolve("msgs");
        List<Long> ids;
        try {
            Files.createDirectories(msgs);
            BlockCompactor.removeLeftovers(msgs);
            removeOrphanIndexes(msgs);
            try (Stream<Path> files = Files.list(msgs)) {
                ids = files.map(MessageBlock::idOf).filter(id -> id > 0).sorted().toList();
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.IO, "cannot open " + dir, e);
        }
        // first_seq only starts a new stream; an old one's blocks say where it is.
        FileStore store = new FileStore(msgs, options, ids.isEmpty() ? options.firstSeq() : 1);
        store.lock.lock();
        try {
            store.openBlocks(ids);
        } catch (IOException e) {
            store.closeQuietly();
            throw new StoreException(StoreException.Kind.IO, "cannot open " + dir, e);
        } finally {
            store.lock.unlock();
        }
        return store;
    }

    /** Removes the indexes whose block is gone (a crash between deleting the two). */
    private static void removeOrphanIndexes(Path msgs) throws IOException {
        try (Stream<Path> files = Files.list(msgs)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(BlockIndex.SUFFIX) && !Files.exists(
                        msgs.resolve(name.substring(0, name.length() - BlockIndex.SUFFIX.length()) + ".blk"))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** What opening found: damaged blocks, truncated bytes, lost sequences. */
    public RecoveryReport recovery() {
        return recovery;
    }

    private void openBlocks(List<Long> ids) throws IOException {
        Set<Long> lost = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        long truncated = 0;
        long pendingGapFrom = -1;
        long messages = 0;
        int indexed = 0;
        int readLimit = maxBlockBytes();
        for (long id : ids) {
            MessageBlock block = MessageBlock.open(dir, id);
            blocks.addLast(block);
            boolean last = id == ids.getLast();
            StringBuilder why = new StringBuilder();
            BlockIndex index = loadIndex(block, readLimit, why);
            List<BlockIndex.Entry> entries;
            BlockScan scan = null;
            if (index != null) {
                entries = index.entries();
                indexed++;
            } else {
                if (!last) {
                    LOG.debug("Scanning block {}: {}", block, why);
                }
                scan = BlockScan.of(block.readAll(readLimit), block.size());
                entries = scan.entries();
            }
            for (BlockIndex.Entry entry : entries) {
                if (pendingGapFrom > 0 && entry.kind() == Record.Kind.MESSAGE) {
                    // The damaged block above lost everything between its last good message and this one.
                    for (long seq = pendingGapFrom; seq < entry.seq() && lost.size() < MAX_LOST_LISTED; seq++) {
                        lost.add(seq);
                    }
                    pendingGapFrom = -1;
                }
                apply(block, entry);
                messages += entry.kind() == Record.Kind.MESSAGE ? 1 : 0;
            }
            if (scan != null && scan.damaged()) {
                truncated += scan.cutBytes();
                problems.add(block + ": damaged record at offset " + scan.validEnd() + ", cut " + scan.cutBytes()
                        + " bytes");
                if (scan.damagedSeq() > lastSeqLocked() && lost.size() < MAX_LOST_LISTED) {
                    lost.add(scan.damagedSeq());
                }
                pendingGapFrom = lastSeqLocked() + 1;
                block.truncate(scan.validEnd());
            }
            if (last) {
                block.startIndex(entries);
            } else if (index == null) {
                // Indexed now, so the next start reads the index (and a store from before indexes
                // is scanned once).
                writeIndex(block, new BlockIndex(block.end(), entries));
            }
        }
        if (blocks.isEmpty()) {
            newBlock(1);
        }
        recovering = false;
        finishRecovery();
        deleteDeadFrontBlocks();
        recovery = new RecoveryReport(ids.size(), messages, truncated, List.copyOf(lost), List.copyOf(problems),
                indexed);
        if (!recovery.clean()) {
            LOG.warn("Stream store {} recovered with damage: {} bytes cut, lost sequences {}: {}", dir, truncated,
                    lost, problems);
        }
    }

    /** The block's index when it is provably the block's, else null (the block is scanned). */
    private BlockIndex loadIndex(MessageBlock block, int readLimit, StringBuilder why) {
        try {
            return BlockIndex.load(dir, block, readLimit, why);
        } catch (IOException e) {
            why.append(e);
            return null;
        }
    }

    /**
     * Forces the block, then writes its index: an index never describes bytes that are not on
     * disk yet. A failure only costs a scan at the next start.
     */
    private void writeIndex(MessageBlock block, BlockIndex index) {
        try {
            block.force();
            index.write(dir, block.id());
        } catch (IOException e) {
            LOG.warn("Could not write the index of {}: {}", block, e.toString());
        }
    }

    /**
     * The most bytes a block this store wrote can hold: its block size, or the two markers and one
     * record larger than that (a block is never rolled before its first record). Recovery reads no
     * more of a file than this, whatever length the file system reports.
     */
    private int maxBlockBytes() {
        long blockSize = Math.max(options.blockSize(), FileStoreOptions.DEFAULT_BLOCK_SIZE);
        return (int) Math.min(Integer.MAX_VALUE - 64L, blockSize + HEADER_BYTES + RecordCodec.MAX_RECORD);
    }

    private void apply(MessageBlock block, BlockIndex.Entry entry) {
        switch (entry.kind()) {
            case MESSAGE -> {
                long size = sizeOf(entry.subject(), entry.headersLength(), entry.payloadLength());
                block.addLive(1, entry.length());
                block.holdsMessage(entry.seq());
                recoverEntry(new IndexEntry(entry.seq(), entry.subject(), entry.timestampNanos(), size,
                        new Location(block, entry.offset(), entry.length())));
            }
            case DELETE -> recoverRemoval(entry.seq());
            case FIRST -> recoverFirstSeq(entry.seq());
            case LAST -> recoverSkip(entry.seq());
        }
    }

    /** Starts block {@code id}, which begins with the state so far: it may outlive every older block. */
    private void newBlock(long id) throws IOException {
        MessageBlock block = MessageBlock.open(dir, id);
        blocks.addLast(block);
        block.startIndex(List.of());
        Record first = Record.marker(Record.Kind.FIRST, firstSeqLocked());
        block.append(RecordCodec.encode(first), first);
        Record last = Record.marker(Record.Kind.LAST, lastSeqLocked());
        block.append(RecordCodec.encode(last), last);
    }

    /** Writes a record to the current block, first starting a new block when this one is full. */
    private Location write(Record record) {
        // Encoded straight into a pooled direct buffer and written from it (no heap copy).
        ByteBuffer bytes = RecordCodec.encode(record, FileStore::scratchOrHeap);
        try {
            MessageBlock current = blocks.getLast();
            if (current.end() + bytes.limit() > options.blockSize() && current.end() > HEADER_BYTES) {
                // Forced (the group commit also counts on closed blocks being on disk), then indexed.
                BlockIndex index = current.currentIndex();
                current.seal();
                writeIndex(current, index);
                newBlock(current.id() + 1);
                current = blocks.getLast();
                compactClosedBlocks();
            }
            int length = bytes.limit();
            long offset = current.append(bytes, record);
            return new Location(current, offset, length);
        } catch (IOException e) {
            throw failure(e);
        } finally {
            ScratchBuffers.give(bytes);
        }
    }

    /** A pooled direct buffer of {@code size} bytes, or a heap one when the record is too large for the pool. */
    private static ByteBuffer scratchOrHeap(int size) {
        ByteBuffer scratch = ScratchBuffers.take(size);
        return scratch != null ? scratch : ByteBuffer.allocate(size);
    }

    /**
     * Reads {@code length} bytes of {@code block} from {@code offset} into a pooled direct buffer
     * (or a heap one when too large for the pool); give it back with {@link ScratchBuffers#give}.
     */
    private static ByteBuffer readScratch(MessageBlock block, long offset, int length) throws IOException {
        ByteBuffer buf = scratchOrHeap(length);
        buf.clear().limit(length);
        try {
            block.readInto(offset, buf);
        } catch (IOException | RuntimeException e) {
            ScratchBuffers.give(buf);
            throw e;
        }
        return buf;
    }

    private static StoreException failure(IOException e) {
        String message = String.valueOf(e.getMessage());
        StoreException.Kind kind = message.contains("No space left") ? StoreException.Kind.NO_SPACE
                : StoreException.Kind.IO;
        return new StoreException(kind, message, e);
    }

    @Override
    protected Object persistMessage(long seq, long timestampNanos, String subject, byte[] headers, byte[] payload) {
        Location location = write(new Record(Record.Kind.MESSAGE, seq, timestampNanos, subject, headers, payload));
        location.block().addLive(1, location.length());
        location.block().holdsMessage(seq);
        return location;
    }

    @Override
    protected void persistRemoval(IndexEntry entry, boolean erase) {
        if (erase) {
            overwriteBody(entry);
        }
        write(Record.marker(Record.Kind.DELETE, entry.seq()));
        syncIfAlways();
    }

    /** Replaces headers and payload with random bytes (and a matching checksum, so recovery keeps going). */
    private void overwriteBody(IndexEntry entry) {
        Location location = (Location) entry.location();
        try {
            byte[] data = location.block().read(location.offset(), location.length());
            int body = RecordCodec.bodyOffset(entry.subject().length());
            byte[] noise = new byte[location.length() - 4 - body];
            ThreadLocalRandom.current().nextBytes(noise);
            System.arraycopy(noise, 0, data, body, noise.length);
            ByteBuffer.wrap(data, location.length() - 4, 4)
                    .putInt(RecordCodec.checksum(data, 4, location.length() - 8));
            location.block().overwrite(location.offset(), ByteBuffer.wrap(data));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    protected void persistFirstSeq(long firstSeq) {
        write(Record.marker(Record.Kind.FIRST, firstSeq));
        syncIfAlways();
    }

    @Override
    protected void persistSkip(long seq) {
        write(Record.marker(Record.Kind.LAST, seq));
        syncIfAlways();
    }

    /** Removals are rare next to appends: under syncAlways they are forced at once, under the lock. */
    private void syncIfAlways() {
        if (options.syncAlways()) {
            try {
                blocks.getLast().force();
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    @Override
    protected StoredMessage read(IndexEntry entry) {
        Location location = (Location) entry.location();
        ByteBuffer data = null;
        try {
            data = readScratch(location.block(), location.offset(), location.length());
            Record record = RecordCodec.decode(data, 0, location.length());
            if (record == null || record.seq() != entry.seq()) {
                throw new StoreException(StoreException.Kind.CORRUPT, location.block() + " at "
                        + location.offset() + " no longer holds sequence " + entry.seq(), null);
            }
            return new StoredMessage(record.seq(), record.subject(), record.headers(), record.payload(),
                    record.timestampNanos());
        } catch (IOException e) {
            throw failure(e);
        } finally {
            ScratchBuffers.give(data);
        }
    }

    /** A run of neighbouring records is read with one pread of at most this many bytes. */
    private static final int MAX_RUN_BYTES = 256 * 1024;

    /**
     * Records written one after another (a consumer reading a backlog) are read with one pread per
     * run instead of one per message.
     */
    @Override
    protected List<StoredMessage> read(List<IndexEntry> batch) {
        List<StoredMessage> messages = new ArrayList<>(batch.size());
        int i = 0;
        while (i < batch.size()) {
            Location first = (Location) batch.get(i).location();
            int j = i + 1;
            long runEnd = first.offset() + first.length();
            while (j < batch.size()) {
                Location next = (Location) batch.get(j).location();
                if (next.block() != first.block() || next.offset() != runEnd
                        || runEnd + next.length() - first.offset() > MAX_RUN_BYTES) {
                    break;
                }
                runEnd += next.length();
                j++;
            }
            if (j == i + 1) {
                messages.add(read(batch.get(i)));
            } else {
                readRun(batch.subList(i, j), first, (int) (runEnd - first.offset()), messages);
            }
            i = j;
        }
        return messages;
    }

    private void readRun(List<IndexEntry> run, Location first, int length, List<StoredMessage> into) {
        ByteBuffer data = null;
        try {
            data = readScratch(first.block(), first.offset(), length);
            for (IndexEntry entry : run) {
                Location location = (Location) entry.location();
                int at = (int) (location.offset() - first.offset());
                Record record = RecordCodec.decode(data, at, location.length());
                if (record == null || record.seq() != entry.seq()) {
                    throw new StoreException(StoreException.Kind.CORRUPT, location.block() + " at "
                            + location.offset() + " no longer holds sequence " + entry.seq(), null);
                }
                into.add(new StoredMessage(record.seq(), record.subject(), record.headers(), record.payload(),
                        record.timestampNanos()));
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            ScratchBuffers.give(data);
        }
    }

    @Override
    protected void released(IndexEntry entry) {
        Location location = (Location) entry.location();
        location.block().addLive(-1, -location.length());
        if (!recovering) {
            deleteDeadFrontBlocks();
        }
    }

    /**
     * After a new block is started: merges runs of closed blocks that are mostly dead or small into
     * one file each ({@link BlockCompactor}), so disk use and open files follow what the stream
     * holds, not everything it ever held. The two newest blocks are left alone: the current one is
     * written, and the group commit may still be forcing the one before it. At most a few runs per
     * new block, so a roll costs at most a few block rewrites.
     */
    private void compactClosedBlocks() {
        List<MessageBlock> closed = new ArrayList<>(blocks);
        closed.subList(Math.max(0, closed.size() - 2), closed.size()).clear();
        int runs = 0;
        int i = 0;
        while (i < closed.size() && runs < MAX_COMPACTIONS_PER_ROLL) {
            MessageBlock first = closed.get(i);
            if (!worthCompacting(first)) {
                i++;
                continue;
            }
            int j = i;
            long kept = first.liveBytes();
            while (j + 1 < closed.size() && worthCompacting(closed.get(j + 1))
                    && kept + closed.get(j + 1).liveBytes() <= options.blockSize() / 2) {
                j++;
                kept += closed.get(j).liveBytes();
            }
            List<MessageBlock> run = List.copyOf(closed.subList(i, j + 1));
            if (run.size() > 1 || first.live() == 0 || first.end() - first.liveBytes() >= minimumReclaim()) {
                compact(run, closed.subList(0, i));
                runs++;
            }
            i = j + 1;
        }
    }

    /** Half dead or more, or small enough to merge with a neighbour. */
    private boolean worthCompacting(MessageBlock block) {
        return block.liveBytes() * 2 <= block.end() || block.end() <= options.blockSize() / 4;
    }

    private long minimumReclaim() {
        return Math.max(options.blockSize() / 8, HEADER_BYTES + 1);
    }

    /** Merges {@code run} (consecutive closed blocks) over its oldest block; {@code older} precede it. */
    private void compact(List<MessageBlock> run, List<MessageBlock> older) {
        BlockCompactor.Result result;
        try {
            // No index may outlive its block's replacement: deleted here, the deletion made
            // durable by merge's first directory force, before the merged file is renamed in.
            // The newer blocks of the run keep theirs until they are deleted: they do not change.
            BlockIndex.delete(dir, run.getFirst().id());
            result = BlockCompactor.merge(dir, run,
                    (seq, block) -> {
                        IndexEntry entry = entryLocked(seq);
                        return entry != null && ((Location) entry.location()).block() == block;
                    },
                    seq -> {
                        for (MessageBlock block : older) {
                            if (block.mayHoldMessage(seq)) {
                                return true;
                            }
                        }
                        return false;
                    });
        } catch (IOException e) {
            // Nothing changed (the merged file replaces the oldest block only once complete).
            LOG.warn("Could not compact blocks of {}: {}", dir, e.toString());
            return;
        }
        MessageBlock merged;
        try {
            merged = MessageBlock.open(dir, run.getFirst().id());
        } catch (IOException e) {
            throw failure(e);
        }
        for (BlockCompactor.Moved moved : result.messages()) {
            merged.addLive(1, moved.length());
            merged.holdsMessage(moved.seq());
            relocate(moved.seq(), new Location(merged, moved.offset(), moved.length()));
        }
        boolean empty = result.messages().isEmpty() && result.keptTombstones() == 0;
        Deque<MessageBlock> replaced = new ArrayDeque<>();
        for (MessageBlock block : blocks) {
            if (block == run.getFirst()) {
                if (!empty) {
                    replaced.addLast(merged);
                }
            } else if (!run.contains(block)) {
                replaced.addLast(block);
            }
        }
        blocks.clear();
        blocks.addAll(replaced);
        closeReplaced(run.getFirst());
        // The merged block's index before the newer blocks go: a crash while they are deleted then
        // leaves at most one of them unindexed (its index is deleted first), never the merged one
        // as well, so a restart scans one block, not two (FileStoreCrashTest's bound).
        if (!empty) {
            writeIndex(merged, result.index());
        }
        for (MessageBlock newer : run.subList(1, run.size())) {
            deleteQuietly(newer);
        }
        if (empty) {
            deleteQuietly(merged);
        }
    }

    private static void closeReplaced(MessageBlock block) {
        try {
            block.close();
        } catch (IOException e) {
            LOG.debug("Closing replaced block {}: {}", block, e.toString());
        }
    }

    private static void deleteQuietly(MessageBlock block) {
        try {
            block.delete();
        } catch (IOException e) {
            // Its records are all kept elsewhere or dead; recovery reads a leftover copy as such.
            LOG.warn("Could not delete compacted block {}: {}", block, e.toString());
        }
    }

    /**
     * Deletes blocks at the front with no message left. Only at the front: a block's tombstones
     * name messages in it or in older blocks, so deleting from the front never brings one back.
     */
    private void deleteDeadFrontBlocks() {
        while (blocks.size() > 1 && blocks.getFirst().live() == 0) {
            MessageBlock dead = blocks.removeFirst();
            try {
                dead.delete();
            } catch (IOException e) {
                // Harmless: its records are all dead, and recovery would read them as such.
                LOG.warn("Could not delete empty block {}: {}", dead, e.toString());
            }
        }
    }

    /**
     * Forces every block to disk. The list is taken under the lock, the forces run outside it, so
     * appends go on meanwhile; a block closed in between was forced when it was closed, or deleted.
     */
    @Override
    public void sync() {
        List<MessageBlock> open;
        lock.lock();
        try {
            open = List.copyOf(blocks);
        } finally {
            lock.unlock();
        }
        for (MessageBlock block : open) {
            try {
                block.force();
            } catch (java.nio.channels.ClosedChannelException closed) {
                // Deleted (no messages left) or closed with the store: nothing to keep.
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    @Override
    public void awaitDurable(long seq) {
        if (options.syncAlways()) {
            groupCommit.awaitDurable(seq);
        }
    }

    private GroupCommit.Written written() {
        lock.lock();
        try {
            return new GroupCommit.Written(blocks.getLast(), lastSeqLocked());
        } finally {
            lock.unlock();
        }
    }

    /** How many fsyncs the group commit made (for tests and metrics). */
    public long groupCommitForces() {
        return groupCommit.forces();
    }

    /** The highest sequence the group commit knows is on disk (for tests: no PubAck may run ahead of it). */
    public long durableSeq() {
        return groupCommit.durableSeq();
    }

    @Override
    public long sizeOf(String subject, int headerLength, int payloadLength) {
        // nats-server's fileStoreMsgSize, so max_bytes and STREAM.INFO's bytes agree with it.
        long size = 22L + subject.length() + payloadLength + 8;
        return headerLength == 0 ? size : size + 4 + headerLength;
    }

    @Override
    protected void closeStorage() {
        try {
            if (!blocks.isEmpty()) {
                // A clean close leaves everything on disk, whatever the sync policy, and the
                // block being written indexed, so the next start reads no block at all.
                MessageBlock last = blocks.getLast();
                last.force();
                BlockIndex index = last.currentIndex();
                if (index != null) {
                    index.write(dir, last.id());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not sync {} on close: {}", dir, e.toString());
        }
        closeQuietly();
    }

    private void closeQuietly() {
        for (MessageBlock block : blocks) {
            try {
                block.close();
            } catch (IOException e) {
                LOG.warn("Could not close {}: {}", block, e.toString());
            }
        }
    }
}
