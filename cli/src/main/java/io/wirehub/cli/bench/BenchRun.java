package io.wirehub.cli.bench;

import io.nats.client.Options;
import io.wirehub.cli.Console;
import io.wirehub.cli.ConnectionOptions;
import io.wirehub.cli.UserFacingException;
import io.wirehub.cli.files.ProgressBars;
import io.wirehub.client.files.TransferProgress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a bench load's clients side by side (a platform thread each), shows the progress of the
 * whole run on stderr, and prints the report. Every run ends by its deadline.
 */
final class BenchRun {
    /** A client's work: returns what it did. */
    interface Client {
        ClientRate run() throws Exception;
    }

    private final ConnectionOptions connection;
    private final BenchOptions options;
    private final Console console;
    final AtomicLong progress = new AtomicLong();

    BenchRun(ConnectionOptions connection, BenchOptions options, Console console) {
        if (options.clients() < 1 || options.subs() < 1 || options.msgs() < 1) {
            throw new UserFacingException("--clients, --subs and --msgs must be at least 1");
        }
        this.connection = connection;
        this.options = options;
        this.console = console;
    }

    /** jnats options for one more bench connection (its own name set by the load). */
    Supplier<Options.Builder> jnats() {
        return () -> connection.jnats("wirehub bench");
    }

    /** How long the whole run may take: generous, but bounded. */
    Duration deadline() {
        return Duration.ofSeconds(Math.max(60, options.msgs() / 10_000));
    }

    /** Splits {@code total} over {@code parts}: the first ones get the remainder. */
    static long share(long total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    List<ClientRate> runAll(List<Client> clients, long expectedUnits) {
        TransferProgress bar = console.terminal() && !options.noProgress()
                ? ProgressBars.forConsole(console, false, " msgs", 1) : TransferProgress.NONE;
        bar.start("bench", expectedUnits);
        List<CompletableFuture<ClientRate>> running = new ArrayList<>();
        for (Client client : clients) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.run();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, r -> Thread.ofPlatform().daemon(true).name("wirehub-bench").start(r)));
        }
        List<ClientRate> rates = new ArrayList<>();
        long deadline = System.nanoTime() + deadline().toNanos();
        try {
            for (CompletableFuture<ClientRate> future : running) {
                while (true) {
                    try {
                        rates.add(future.get(100, TimeUnit.MILLISECONDS));
                        break;
                    } catch (TimeoutException e) {
                        bar.advanceTo(progress.get());
                        if (System.nanoTime() > deadline) {
                            throw new UserFacingException("the run did not finish within " + deadline().toSeconds() + " s");
                        }
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c ? c.getCause() : e.getCause();
            throw new UserFacingException(cause instanceof BenchException || cause instanceof IOException
                    ? cause.getMessage() : String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted");
        } finally {
            bar.advanceTo(progress.get());
            bar.finish();
        }
        return rates;
    }

    void report(BenchResult result) throws IOException {
        console.text().print(options.json() ? BenchReport.json(result) : BenchReport.text(result));
        console.text().flush();
        if (options.csv() != null) {
            java.nio.file.Files.writeString(options.csv(), BenchReport.csv(result, io.nats.client.NUID.nextGlobal()));
            console.text().println("Saved metric data in csv file " + options.csv());
        }
        if (options.plot() != null) {
            LatencyPlot.write(result, options.plot());
            console.err().println("Plot written to " + options.plot());
        }
    }
}
