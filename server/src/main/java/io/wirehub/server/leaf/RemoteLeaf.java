package io.wirehub.server.leaf;

import io.wirehub.server.stats.LeafConnectionSnapshot;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured remote: dials its hub, runs a {@link LeafSession} until it ends, and dials again,
 * as nats-server's connectToRemoteLeafNode does: the URLs shuffled unless {@code no_randomize},
 * the next URL after a failure, {@code reconnect} after a connection that was up, {@code reconnect}
 * plus up to as much again after a failed dial, and 30 s after a loop.
 *
 * <p>Its thread is the only one that creates sessions; {@link #current} is read by monitoring
 * and by {@link #close}.
 */
final class RemoteLeaf {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteLeaf.class);
    /** nats-server leafNodeReconnectDelayAfterLoopDetected. */
    static final Duration LOOP_DELAY = Duration.ofSeconds(30);
    private static final AtomicLong IDS = new AtomicLong();

    private final LeafLinkSettings settings;
    private final Duration reconnect;
    private final HubUrls urls;
    private volatile LeafSession current;
    private volatile boolean closed;
    private volatile Thread thread;
    private final AtomicLong connects = new AtomicLong();

    RemoteLeaf(LeafLinkSettings settings, Duration reconnect) {
        this.settings = settings;
        this.reconnect = reconnect;
        this.urls = new HubUrls(settings.remote().urls(), settings.remote().noRandomize());
    }

    void start() {
        settings.router().index().addListener(settings.interest());
        // A platform thread: it is the link's reader, woken by the kernel when a reply arrives rather than
        // through the virtual-thread poller (a hop that showed in request-reply latency).
        thread = Thread.ofPlatform().daemon().name("wirehub-leaf-remote").start(this::dialLoop);
    }

    private void dialLoop() {
        int attempts = 0;
        while (!closed) {
            URI url = urls.current();
            LeafSession session = new LeafSession(settings, url, urls, IDS.incrementAndGet());
            current = session;
            attempts++;
            LeafSession.Outcome outcome = session.run(attempts);
            Duration delay;
            switch (outcome) {
                case ENDED -> {
                    attempts = 0;
                    connects.incrementAndGet();
                    delay = reconnect;
                }
                case LOOP -> delay = LOOP_DELAY;
                default -> {
                    urls.advance();
                    delay = reconnect.plusNanos(ThreadLocalRandom.current().nextLong(Math.max(1, reconnect.toNanos())));
                }
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    LeafLinkSettings settings() {
        return settings;
    }

    /** The remote in /metrics: its first URL's host and port, never its credentials. */
    String label() {
        URI first = settings.remote().urls().get(0);
        return first.getHost() + ":" + io.wirehub.server.config.LeafRemoteConfig.portOf(first);
    }

    /** The connection, when one is up. */
    LeafConnectionSnapshot snapshot() {
        LeafSession session = current;
        return session != null && session.isEstablished() ? session.snapshot() : null;
    }

    void close() {
        closed = true;
        settings.router().index().removeListener(settings.interest());
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        LeafSession session = current;
        if (session != null) {
            session.abort();
        }
        LOG.debug("leafnode remote stopped");
    }
}
