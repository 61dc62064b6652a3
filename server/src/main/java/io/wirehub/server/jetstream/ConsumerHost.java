package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.store.MessageStore;

/** What a consumer needs of its stream. */
interface ConsumerHost {

    String streamName();

    MessageStore store();

    /** The JetStream domain ("" for none): MSG.NEXT is also served on its API prefix. */
    String domain();

    /** The consumer went unused past its inactive threshold: delete it. Called on its own thread. */
    void inactive(Consumer consumer);

    /**
     * The consumer is done with a message (acknowledged, terminated, or delivered without acks):
     * interest and workqueue streams may remove it.
     */
    void acknowledged(Consumer consumer, long seq);
}
