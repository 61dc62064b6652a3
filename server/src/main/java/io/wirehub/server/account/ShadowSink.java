package io.wirehub.server.account;

import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.Subscription;

/**
 * The receiving end of a shadow subscription: a message the exporting account routed to it is
 * handed to the importing client's own subscription, under the subject the importer sees.
 * Thread-safe: holds nothing but final references; runs on the exporter's publishers' threads.
 */
final class ShadowSink implements MessageSink {
    private final Subscription local;
    private final StreamImport imported;

    ShadowSink(Subscription local, StreamImport imported) {
        this.local = local;
        this.imported = imported;
    }

    @Override
    public boolean deliver(Subscription shadow, PublishedMessage message) {
        if (local.isClosed() || message.hops() >= Account.MAX_HOPS) {
            return false;
        }
        String subject = imported.rewrite().toLocal(message.subject());
        return local.sink().deliver(local, message.rewritten(subject, message.reply()));
    }

    Router exporterRouter() {
        return imported.exporter().router();
    }

    @Override
    public void flushSignal() {
        local.sink().flushSignal();
    }

    @Override
    public void wakeSignal() {
        local.sink().wakeSignal();
    }

    @Override
    public long clientId() {
        return local.sink().clientId();
    }
}
