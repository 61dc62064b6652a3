package io.wirehub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One part of the soak's mixed load: its connections and the threads driving them, each paced.
 * {@link #start} opens what the part needs and starts its loops; {@link #close} stops the loops,
 * waits for them and closes the connections.
 */
abstract class SoakLoad implements AutoCloseable {
    /** A loop body run once per paced round; an exception counts as an error and the loop goes on. */
    interface Round {
        void run() throws Exception;
    }

    protected final String name;
    protected final SoakCounters counters;
    /** Set by {@link #close}, read by the loop threads. */
    protected volatile boolean running = true;
    /** Written by {@link #start} and {@link #loop} before close, read by {@link #close} (same thread). */
    private final List<Thread> threads = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    SoakLoad(String name, SoakCounters counters) {
        this.name = name;
        this.counters = counters;
    }

    abstract void start(String url) throws Exception;

    /** Closed after the loops stopped, newest first. */
    protected final <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Runs {@code round} {@code roundsPerSecond} times a second on its own thread until closed. */
    protected final void loop(String threadName, double roundsPerSecond, Round round) {
        Thread thread = Thread.ofPlatform().name("soak-" + threadName).daemon().start(() -> {
            SoakPacer pacer = new SoakPacer(roundsPerSecond);
            while (running) {
                try {
                    pacer.awaitNext();
                    round.run();
                } catch (InterruptedException stopping) {
                    return;
                } catch (Exception e) {
                    if (running) {
                        counters.failed(name, e);
                    }
                }
            }
        });
        threads.add(thread);
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            if (!thread.join(java.time.Duration.ofSeconds(15))) {
                System.err.println("soak: " + thread.getName() + " did not stop within 15 s");
            }
        }
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("soak: closing " + name + ": " + e);
            }
        }
    }

    /** Sleeps without treating an interrupt (close) as an error. */
    protected static void pause(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }
}
