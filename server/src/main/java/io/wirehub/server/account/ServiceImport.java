package io.wirehub.server.account;

import io.wirehub.server.config.ExportConfig;
import io.wirehub.server.routing.MessageSink;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.subject.WeightedMapping;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service another account exports, as this account imports it: a request published here on
 * {@code to} is routed into the exporter on {@code from}, with a reply subject of the exporter's
 * that leads the response back ({@link ResponseRoutes}). Subscribed in this account's index like a
 * client; runs on the requesters' threads.
 *
 * <p>Thread-safe: final fields only.
 */
final class ServiceImport implements MessageSink {
    private final Account importer;
    private final Account exporter;
    private final String from;
    private final String to;
    private final SubjectRewrite rewrite;
    private final ExportConfig export;
    private final Subscription subscription;

    ServiceImport(Account importer, Account exporter, String from, String to, SubjectRewrite rewrite,
                  ExportConfig export, int number) {
        this.importer = importer;
        this.exporter = exporter;
        this.from = from;
        this.to = to;
        this.rewrite = rewrite;
        this.export = export;
        this.subscription = new Subscription(this, to, null,
                ("_SI_" + number).getBytes(StandardCharsets.US_ASCII));
    }

    void start() {
        importer.router().subscribe(subscription);
    }

    @Override
    public boolean deliver(Subscription sub, PublishedMessage request) {
        if (request.hops() >= Account.MAX_HOPS) {
            return false;
        }
        String subject = rewrite.toExported(request.subject());
        if (!exporter.mappings().isEmpty()) {
            // The exporter's mappings apply to requests it receives, as nats-server applies them.
            subject = exporter.mappings().map(subject, ThreadLocalRandom.current());
            if (subject.equals(WeightedMapping.DROPPED)) {
                return true;
            }
        }
        String reply = null;
        if (request.hasReply()) {
            reply = exporter.responses().register(importer, request.reply(), export.responseType(),
                    export.responseThreshold());
            if (reply == null) {
                return false;
            }
        }
        int delivered = exporter.router().routeImported(request.rewritten(subject, reply), request.routedBy());
        if (delivered == 0 && reply != null) {
            exporter.responses().forget(reply);
        }
        // Taken, whether or not the exporter had a subscriber: nats-server counts a service import as
        // interest, so a requester gets no "no responders" status through an import (it times out).
        return true;
    }

    @Override
    public void flushSignal() {
    }

    String from() {
        return from;
    }

    String to() {
        return to;
    }

    Account exporter() {
        return exporter;
    }
}
