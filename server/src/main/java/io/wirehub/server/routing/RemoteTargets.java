package io.wirehub.server.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The remote sinks one message reaches while the router walks its match, with the queue groups
 * each was chosen for, so each gets one {@link RemoteSink#forward} call at the end.
 *
 * <p>Confined to the publisher's thread (one per {@link PublisherState}); reused per message.
 */
final class RemoteTargets {
    private final List<RemoteSink> sinks = new ArrayList<>(2);
    private final List<Boolean> plain = new ArrayList<>(2);
    private final List<List<String>> queues = new ArrayList<>(2);
    private int size;

    void addPlain(RemoteSink sink) {
        plain.set(slot(sink), Boolean.TRUE);
    }

    void addQueue(RemoteSink sink, String queue) {
        queues.get(slot(sink)).add(queue);
    }

    private int slot(RemoteSink sink) {
        for (int i = 0; i < size; i++) {
            if (sinks.get(i) == sink) {
                return i;
            }
        }
        if (size == sinks.size()) {
            sinks.add(sink);
            plain.add(Boolean.FALSE);
            queues.add(new ArrayList<>(2));
        } else {
            sinks.set(size, sink);
            plain.set(size, Boolean.FALSE);
            queues.get(size).clear();
        }
        return size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Calls each sink once; returns how many took the message, and empties the set. */
    int forwardAll(PublishedMessage message, PublisherState publisher) {
        int accepted = 0;
        for (int i = 0; i < size; i++) {
            RemoteSink sink = sinks.get(i);
            if (sink.forward(message, plain.get(i), queues.get(i))) {
                publisher.touched(sink);
                accepted++;
            }
        }
        size = 0;
        return accepted;
    }
}
