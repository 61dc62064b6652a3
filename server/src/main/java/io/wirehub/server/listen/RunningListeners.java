package io.wirehub.server.listen;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's listeners, in the order they started: one way in (start) and one way out (close
 * all). A listener that fails to start leaves the ones before it running until the caller closes
 * them all.
 *
 * <p>Thread-safe: started by the server's start, read by anyone, closed by shutdown or lame duck.
 */
public final class RunningListeners {
    /** Something that binds and starts one listener. */
    @FunctionalInterface
    public interface Start {
        Listener start() throws IOException;
    }

    private final List<Listener> running = new CopyOnWriteArrayList<>();

    /**
     * Starts a listener and keeps it.
     *
     * @param what  what it listens for, for the error ("websocket clients", "monitoring")
     * @param where the address asked for, for the error
     * @throws IOException naming what could not listen where, and why
     */
    public Listener start(String what, String where, Start start) throws IOException {
        Listener listener;
        try {
            listener = start.start();
        } catch (IOException e) {
            throw new IOException("cannot listen for " + what + " on " + where + ": " + e.getMessage(), e);
        }
        running.add(listener);
        return listener;
    }

    /** Keeps a listener that was started elsewhere (the client port, bound before the server). */
    public void add(Listener listener) {
        running.add(listener);
    }

    public Optional<Listener> find(Listener.Kind kind) {
        for (Listener listener : running) {
            if (listener.kind() == kind) {
                return Optional.of(listener);
            }
        }
        return Optional.empty();
    }

    /** The bound port of that kind of listener, or 0 when there is none. */
    public int port(Listener.Kind kind) {
        return find(kind).map(Listener::port).orElse(0);
    }

    /** The URL of that kind of listener, or null when there is none. */
    public String url(Listener.Kind kind) {
        return find(kind).map(Listener::url).orElse(null);
    }

    /**
     * Closes every listener through which clients arrive, newest first, and leaves monitoring up
     * (lame duck mode: /healthz still answers while clients drain). Idempotent.
     */
    public void closeClientListeners() {
        for (Listener listener : running.reversed()) {
            if (listener.kind() != Listener.Kind.MONITORING) {
                listener.close();
            }
        }
    }

    /** Closes every listener, newest first. Idempotent. */
    public void closeAll() {
        for (Listener listener : running.reversed()) {
            listener.close();
        }
    }

    /** Waits for every listener's accept thread, sharing one deadline. */
    public void awaitStopped(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (Listener listener : running) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            listener.awaitStopped(left);
        }
    }
}
