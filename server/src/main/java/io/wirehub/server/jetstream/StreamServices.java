package io.wirehub.server.jetstream;

import io.wirehub.server.routing.InternalPublisher;
import java.util.function.Supplier;

/**
 * What every stream of an account is given: the JetStream domain (for PubAcks), the sync policy
 * of file stores, and a new internal publisher for each stream's worker thread.
 */
record StreamServices(String domain, boolean syncAlways, Supplier<InternalPublisher> publishers) {

    InternalPublisher publisher() {
        return publishers.get();
    }
}
