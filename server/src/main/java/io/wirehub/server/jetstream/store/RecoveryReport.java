package io.wirehub.server.jetstream.store;

import java.util.List;

/**
 * What opening a file store found. A damaged record and everything after it in its block are
 * cut off; what is known of what was lost is here.
 *
 * @param truncatedBytes bytes cut off the ends of damaged blocks
 * @param lostSeqs sequences known to have been lost: those read from the damaged record's header
 *     when it is readable, and the gap up to the next block's first message
 * @param problems one line per damaged block, for the log
 * @param indexedBlocks blocks recovered from their index ({@link BlockIndex}) rather than scanned
 */
public record RecoveryReport(int blocks, long messages, long truncatedBytes, List<Long> lostSeqs,
        List<String> problems, int indexedBlocks) {

    public boolean clean() {
        return problems.isEmpty();
    }
}
