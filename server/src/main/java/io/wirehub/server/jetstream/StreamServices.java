package io.wirehub.server.jetstream;

import io.wirehub.server.jetstream.api.JsApiError;
import io.wirehub.server.routing.InternalPublisher;
import java.util.function.Supplier;

/**
 * What every stream of an account is given: the JetStream domain (for PubAcks), the sync policy
 * of file stores, a new internal publisher for each stream's worker thread, and the account's
 * and server's storage limits a publish must fit in, and the account's {@link FeedRegistry}.
 */
record StreamServices(String domain, boolean syncAlways, Supplier<InternalPublisher> publishers,
                      StorageLimit storageLimit, FeedRegistry feeds) {

    /** Decides whether a message of a size may still be stored; null when it may, else the error. */
    @FunctionalInterface
    interface StorageLimit {
        StorageLimit NONE = (memory, size) -> null;

        JsApiError admit(boolean memory, long size);
    }

    StreamServices(String domain, boolean syncAlways, Supplier<InternalPublisher> publishers) {
        this(domain, syncAlways, publishers, StorageLimit.NONE, FeedRegistry.NONE);
    }

    StreamServices withLimits(StorageLimit limit) {
        return new StreamServices(domain, syncAlways, publishers, limit, feeds);
    }

    /** The account's mirror and source links (the streams of one account feed each other). */
    StreamServices withFeeds(FeedRegistry registry) {
        return new StreamServices(domain, syncAlways, publishers, storageLimit, registry);
    }

    InternalPublisher publisher() {
        return publishers.get();
    }
}
