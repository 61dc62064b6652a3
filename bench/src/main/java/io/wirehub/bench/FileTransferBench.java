package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.client.files.ObjectFiles;
import io.wirehub.client.files.RemoteFile;
import io.wirehub.client.files.TransferProgress;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * File transfer through a Wirehub Object Store bucket ({@link ObjectFiles}, what {@code wirehub
 * put/get} use; the server runs with {@code -js}) against the limit: the same file copied over a
 * raw loopback TCP connection from disk to disk (sendfile on one side, a plain read-and-write
 * loop on the other). {@code bench/run --files [--file-size BYTES] [--rounds N] [--chunk-size BYTES]}
 * (the objects' chunk size; 128 KiB, jnats' and the Go client's, when left out) {@code [--window CHUNKS]}
 * (chunks unacknowledged while putting; as {@code wirehub put} when left out) {@code [--nats-server BINARY | --no-nats]}:
 * nats-server runs with {@code -js} beside Wirehub, and the same puts and gets go to both, rounds interleaved.
 *
 * <p>Beside each rate, the CPU time both processes used for it (this one and the server's, user
 * and system, in seconds per GB moved): on a shared machine the rates swing with the neighbours'
 * load, the CPU a transfer costs much less.
 */
final class FileTransferBench {
    private FileTransferBench() {
    }

    /** One server's put and get figures (MB/s and CPU s/GB per round). */
    private record Side(String name, BenchServer server, Connection nc, ObjectFiles files, List<Double> put,
                        List<Double> putCpu, List<Double> get, List<Double> getCpu) {
        Side(String name, BenchServer server, Connection nc, ObjectFiles files) {
            this(name, server, nc, files, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * @param window chunks unacknowledged at once while putting ({@code wirehub put --window})
     * @param nats   nats-server's binary, run with {@code -js} beside Wirehub for the same puts and gets
     *               (rounds interleaved, the order alternating), or null for Wirehub alone
     * @param baselineJar another Wirehub build run beside the first in the same rounds (before and
     *                    after a change on the same machine at the same moment), or null
     */
    static void run(Path wirehubJar, List<String> jvmOptions, Path nats, long size, int rounds, int chunkSize,
                    int window, Path baselineJar) throws Exception {
        Path work = Files.createTempDirectory("bench-files-");
        Path source = work.resolve("source.bin");
        writeRandom(source, size);
        List<Double> raw = new ArrayList<>();
        List<Double> rawCpu = new ArrayList<>();
        List<Side> sides = new ArrayList<>();
        try {
            sides.add(side("wirehub", BenchServer.wirehubWithArgs(wirehubJar, jvmOptions,
                    List.of("-js", "--store_dir", Files.createDirectories(work.resolve("wirehub-js")).toString())),
                    chunkSize, window));
            if (baselineJar != null) {
                sides.add(side("wirehub baseline", BenchServer.wirehubWithArgs(baselineJar, jvmOptions,
                        List.of("-js", "--store_dir",
                                Files.createDirectories(work.resolve("wirehub-baseline-js")).toString())),
                        chunkSize, window));
            }
            if (nats != null) {
                sides.add(side("nats-server", BenchServer.natsServer(nats, null,
                        List.of("-js", "-sd", Files.createDirectories(work.resolve("nats-js")).toString())),
                        chunkSize, window));
            }
            for (int round = 0; round < rounds; round++) {
                raw.add(rate(size, sides.getFirst().server(), rawCpu,
                        () -> rawCopy(source, work.resolve("raw-copy.bin"))));
                Files.deleteIfExists(work.resolve("raw-copy.bin"));
                System.err.printf(Locale.ROOT, "   round %d: raw %.0f MB/s (%.2f CPU s/GB)%n", round + 1,
                        raw.getLast(), rawCpu.getLast());
                for (int i = 0; i < sides.size(); i++) {
                    Side side = sides.get((i + round) % sides.size()); // alternate who goes first
                    transfer(side, source, work, size);
                    System.err.printf(Locale.ROOT, "   round %d %s: put %.0f MB/s (%.2f), get %.0f MB/s (%.2f)%n",
                            round + 1, side.name(), side.put().getLast(), side.putCpu().getLast(),
                            side.get().getLast(), side.getCpu().getLast());
                }
            }
        } finally {
            for (Side side : sides) {
                side.nc().close();
                side.server().close();
            }
            deleteTree(work); // the source, copies and both servers' JetStream stores: GBs after a few runs
        }
        double limit = ResultTable.median(raw);
        System.out.printf(Locale.ROOT, "| transfer of %s (chunks of %d B, window %d) | median MB/s (min–max)"
                + " | share of the raw copy | CPU s per GB, client + server (median) |%n", label(size),
                chunkSize > 0 ? chunkSize : ObjectFiles.CHUNK_SIZE, window);
        System.out.println("|---|---:|---:|---:|");
        row("raw loopback TCP copy, disk to disk", raw, limit, rawCpu);
        for (Side side : sides) {
            row("put (ObjectFiles, as wirehub put) into " + side.name(), side.put(), limit, side.putCpu());
        }
        for (Side side : sides) {
            row("get (ObjectFiles, as wirehub get) from " + side.name(), side.get(), limit, side.getCpu());
        }
    }

    private static Side side(String name, BenchServer server, int chunkSize, int window) throws Exception {
        // Quiet as wirehub's own connections: jnats would log every flow-control reply of a get.
        Options options = new Options.Builder().server(server.url()).maxReconnects(0)
                .errorListener(new io.nats.client.ErrorListener() { }).build();
        Connection nc = Nats.connect(options);
        ObjectFiles files = new ObjectFiles(nc, "bench", window, Duration.ofSeconds(30), TransferProgress.NONE,
                chunkSize > 0 ? chunkSize : ObjectFiles.CHUNK_SIZE);
        return new Side(name, server, nc, files);
    }

    private static void transfer(Side side, Path source, Path work, long size) throws Exception {
        RemoteFile[] stored = new RemoteFile[1];
        side.put().add(rate(size, side.server(), side.putCpu(),
                () -> stored[0] = side.files().put(source, "source.bin", -1)));
        Path copy = work.resolve("copy.bin");
        side.get().add(rate(size, side.server(), side.getCpu(), () -> side.files().get("source.bin", copy)));
        if (Files.mismatch(source, copy) != -1) {
            throw new IllegalStateException("the copy got from " + side.name() + " differs from the source");
        }
        Files.delete(copy);
        side.files().delete("source.bin");
    }

    private interface Transfer {
        void run() throws Exception;
    }

    /** MB/s of one transfer; adds the CPU seconds per GB both processes spent on it to {@code cpu}. */
    private static double rate(long size, BenchServer server, List<Double> cpu, Transfer transfer) throws Exception {
        long clientBefore = ownCpuNanos();
        long serverBefore = server.cpuNanos();
        long[] ticksBefore = server.userAndSystemTicks();
        long started = System.nanoTime();
        transfer.run();
        long elapsed = System.nanoTime() - started;
        double client = (ownCpuNanos() - clientBefore) / 1e9 / (size / 1e9);
        double serverCpu = (server.cpuNanos() - serverBefore) / 1e9 / (size / 1e9);
        cpu.add(client + serverCpu);
        long[] ticks = server.userAndSystemTicks();
        System.err.printf(Locale.ROOT, "      %.0f MB/s, CPU s/GB: client %.2f + %s %.2f (user %.2f, system %.2f)%n",
                size / 1e6 / (elapsed / 1e9), client, server.name(), serverCpu,
                (ticks[0] - ticksBefore[0]) / 100.0 / (size / 1e9), (ticks[1] - ticksBefore[1]) / 100.0 / (size / 1e9));
        return size / 1e6 / (elapsed / 1e9);
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void row(String what, List<Double> values, double limit, List<Double> cpu) {
        double median = ResultTable.median(values);
        System.out.printf(Locale.ROOT, "| %s | %.0f (%.0f–%.0f) | %.2f | %.2f |%n", what, median,
                values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0), median / limit,
                ResultTable.median(cpu));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String label(long size) {
        return size >= (1L << 30) ? (size >> 30) + " GiB" : (size >> 20) + " MiB";
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < size; ) {
                random.nextBytes(block);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - written));
                written += buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
    }

    /** The file from disk over loopback TCP into another file: what any transfer tool is bounded by here. */
    private static void rawCopy(Path source, Path target) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> receiver = CompletableFuture.runAsync(() -> {
                try (Socket socket = listener.accept(); InputStream in = socket.getInputStream();
                     FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    byte[] buffer = new byte[256 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                        while (chunk.hasRemaining()) {
                            out.write(chunk);
                        }
                    }
                    out.force(true);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort()));
                 FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                long size = in.size();
                for (long sent = 0; sent < size; ) {
                    sent += in.transferTo(sent, size - sent, socket);
                }
            }
            receiver.get();
        }
    }
}
