package io.wirehub.server.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.LongPredicate;

/**
 * Rewrites a run of consecutive, closed blocks as one file holding only what must survive: the
 * live messages, the tombstones that still keep a dead message dead in an older block, and each
 * block's two header markers. Without it, a stream whose messages die out of order (a KV bucket
 * whose keys are overwritten, an Object Store whose objects are deleted) keeps every block that
 * still holds one live record, so its disk use and open files grow without end.
 *
 * <p>Crash safety. The result is written to a temporary file, forced, and renamed over the
 * <em>oldest</em> block of the run; only then are the newer ones deleted. A crash in between
 * leaves the merged oldest block followed by the newer blocks as they were: replaying them adds
 * each live message a second time (recovery takes the later copy, {@link IndexedStore#recoverEntry})
 * and applies their tombstones again, which changes nothing. Leftover temporary files are removed
 * when the store opens. The caller holds the store's lock.
 */
final class BlockCompactor {
    static final String TEMPORARY_SUFFIX = ".compact";

    /** A kept message record: its sequence and where it now is in the merged file. */
    record Moved(long seq, long offset, int length) {
    }

    /** What a compaction wrote: the merged file's messages, its size, and its index. */
    record Result(List<Moved> messages, long size, int keptTombstones, BlockIndex index) {
    }

    private BlockCompactor() {
    }

    /**
     * Writes the merged file for {@code run} over the oldest block's path (the caller then swaps
     * the blocks and deletes the newer files).
     *
     * @param isLive whether a message record (its sequence, in that block) is the index's copy
     * @param deadElsewhere whether a message record for this sequence may remain in a block older
     *     than the run, so a tombstone for it must be kept
     */
    static Result merge(Path dir, List<MessageBlock> run, BiPredicate<Long, MessageBlock> isLive,
            LongPredicate deadElsewhere) throws IOException {
        // A directory that cannot be forced could lose the rename below after the newer blocks'
        // deletion reached the disk: then do not compact at all.
        forceDirectory(dir);
        List<ByteBuffer> kept = new ArrayList<>();
        List<Moved> messages = new ArrayList<>();
        List<BlockIndex.Entry> entries = new ArrayList<>();
        long size = 0;
        int tombstones = 0;
        for (MessageBlock block : run) {
            byte[] data = block.readAll(Math.toIntExact(block.end())); // only the good records: a closed block we wrote
            BlockScan scan = BlockScan.of(data);
            for (BlockScan.Found found : scan.records()) {
                Record record = found.record();
                boolean keep = switch (record.kind()) {
                    case MESSAGE -> isLive.test(record.seq(), block);
                    case DELETE -> deadElsewhere.test(record.seq());
                    // The header pair says where the stream stood when the block began.
                    case FIRST, LAST -> found.offset() < 2L * RecordCodec.OVERHEAD;
                };
                if (!keep) {
                    continue;
                }
                if (record.kind() == Record.Kind.MESSAGE) {
                    messages.add(new Moved(record.seq(), size, found.length()));
                } else if (record.kind() == Record.Kind.DELETE) {
                    tombstones++;
                }
                kept.add(ByteBuffer.wrap(data, found.offset(), found.length()));
                entries.add(BlockIndex.Entry.of(record, size, found.length()));
                size += found.length();
            }
        }
        Path target = run.getFirst().path();
        Path temporary = dir.resolve(target.getFileName() + TEMPORARY_SUFFIX);
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (ByteBuffer buffer : kept) {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try {
            forceDirectory(dir);
        } catch (IOException e) {
            // The rename happened and the caller must follow it (the old offsets are gone). The
            // same directory was forced a moment ago, so this is a failing disk, which the next
            // append will report.
        }
        return new Result(List.copyOf(messages), size, tombstones, new BlockIndex(size, List.copyOf(entries)));
    }

    /** Makes the rename durable (Linux: fsync on the directory). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /** Removes temporary files a compaction or an index write left when the process died during it. */
    static void removeLeftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMPORARY_SUFFIX) || name.endsWith(BlockIndex.TEMPORARY_SUFFIX)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
