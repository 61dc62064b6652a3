package io.wirehub.server.routing;

import java.util.Arrays;

/**
 * The sinks a publishing reader delivered to during one read batch, each once, so that at the end
 * of the batch every destination's writer is woken exactly once. Open addressing on identity
 * hashes; cleared by walking the insertion list, so a batch costs O(destinations), not O(table).
 *
 * <p>Confined to one reader thread.
 */
public final class PendingFlushes {
    private MessageSink[] table = new MessageSink[32];
    private MessageSink[] order = new MessageSink[16];
    private int size;

    public void add(MessageSink sink) {
        int mask = table.length - 1;
        int slot = mix(System.identityHashCode(sink)) & mask;
        while (true) {
            MessageSink present = table[slot];
            if (present == sink) {
                return;
            }
            if (present == null) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = sink;
        if (size == order.length) {
            order = Arrays.copyOf(order, size * 2);
        }
        order[size++] = sink;
        if (size * 2 > table.length) {
            grow();
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Flushes each sink added since the last call: the first through {@link MessageSink#flushSignal()}
     * (a client's is written in place when its writer is idle), every other through
     * {@link MessageSink#wakeSignal()}, woken first. Why not all in place: one thread writing to many
     * sockets in a row serialises writes that the woken writers do in parallel on the other cores
     * (16 requesters answered by one responder were 20 % slower so); one in place takes the
     * hand-off out of the one-to-one path, request and reply, where the tails came from.
     */
    public void flushAll() {
        for (int i = 1; i < size; i++) {
            MessageSink sink = order[i];
            order[i] = null;
            clearSlot(sink);
            sink.wakeSignal();
        }
        if (size > 0) {
            MessageSink first = order[0];
            order[0] = null;
            clearSlot(first);
            first.flushSignal();
        }
        size = 0;
    }

    /**
     * Wipes the probe run starting at this sink's home slot. Every occupied slot belongs to this
     * batch, and the run's first sink always has its home at the run's start, so wiping from each
     * sink's home clears the whole table.
     */
    private void clearSlot(MessageSink sink) {
        int mask = table.length - 1;
        int slot = mix(System.identityHashCode(sink)) & mask;
        while (table[slot] != null) {
            table[slot] = null;
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        MessageSink[] old = order;
        table = new MessageSink[table.length * 2];
        int count = size;
        size = 0;
        MessageSink[] copy = Arrays.copyOf(old, count);
        Arrays.fill(order, 0, count, null);
        for (MessageSink sink : copy) {
            add(sink);
        }
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }
}
