package io.wirehub.server.system;

import java.time.Duration;

/**
 * The server's statistics on {@code $SYS.SERVER.<id>.STATSZ}, as nats-server sends them: the
 * first after 250 ms, each interval twice the last up to every 10 s; sent only while someone in
 * the system account listens (a server without routes, gateways or leaf nodes checks interest).
 *
 * <p>Runs on the service thread only.
 */
final class StatszHeartbeat {
    private static final Duration FIRST = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(10);

    private final SystemService service;
    private Duration interval = FIRST;

    StatszHeartbeat(SystemService service) {
        this.service = service;
    }

    void start() {
        service.runLater(this::beat, interval);
    }

    private void beat() {
        String subject = ServerRequests.statszSubject(service.identity());
        if (service.hasInterest(subject)) {
            service.publishLater(service.system(), subject, ServerRequests.statszMessage(service));
        }
        interval = interval.multipliedBy(2).compareTo(MAX) > 0 ? MAX : interval.multipliedBy(2);
        service.runLater(this::beat, interval);
    }
}
