package io.wirehub.server.system;

import io.wirehub.server.monitor.MonitorDocuments;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "server" object every system message carries (nats-server's ServerInfo): who sent it, and a
 * sequence number and time for this message.
 *
 * <p>Thread-safe: the sequence is atomic.
 */
final class ServerIdentity {
    private final String name;
    private final String host;
    private final String id;
    private final String version;
    private final AtomicLong sequence = new AtomicLong();

    ServerIdentity(String name, String host, String id, String version) {
        this.name = name;
        this.host = host;
        this.id = id;
        this.version = version;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String host() {
        return host;
    }

    /** The next message's "server" object, as JSON. */
    String next() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", name);
        server.put("host", host);
        server.put("id", id);
        server.put("ver", version);
        server.put("jetstream", false);
        server.put("flags", 0);
        server.put("seq", sequence.incrementAndGet());
        server.put("time", Instant.now().toString());
        return Json.text(MonitorDocuments.json(server));
    }
}
