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
 * (chunks unacknowledged while putting; 16, as {@code wirehub put}, when left out).
 *
 * <p>Beside each rate, the CPU time both processes used for it (this one and the server's, user
 * and system, in seconds per GB moved): on a shared machine the rates swing with the neighbours'
 * load, the CPU a transfer costs much less.
 */
final class FileTransferBench {
    private FileTransferBench() {
    }

    /** @param window chunks unacknowledged at once while putting ({@code wirehub put --window}) */
    static void run(Path wirehubJar, List<String> jvmOptions, long size, int rounds, int chunkSize, int window)
            throws Exception {
        Path work = Files.createTempDirectory("bench-files-");
        Path source = work.resolve("source.bin");
        writeRandom(source, size);
        Path store = Files.createDirectories(work.resolve("jetstream"));
        List<Double> raw = new ArrayList<>();
        List<Double> put = new ArrayList<>();
        List<Double> get = new ArrayList<>();
        List<Double> rawCpu = new ArrayList<>();
        List<Double> putCpu = new ArrayList<>();
        List<Double> getCpu = new ArrayList<>();
        try (BenchServer server = BenchServer.wirehubWithArgs(wirehubJar, jvmOptions,
                List.of("-js", "--store_dir", store.toString()))) {
            Options options = new Options.Builder().server(server.url()).maxReconnects(0).build();
            try (Connection nc = Nats.connect(options)) {
                ObjectFiles files = new ObjectFiles(nc, "bench", window, Duration.ofSeconds(30), TransferProgress.NONE,
                        chunkSize > 0 ? chunkSize : ObjectFiles.CHUNK_SIZE);
                for (int round = 0; round < rounds; round++) {
                    raw.add(rate(size, server, rawCpu, () -> rawCopy(source, work.resolve("raw-copy.bin"))));
                    Files.deleteIfExists(work.resolve("raw-copy.bin"));
                    RemoteFile[] stored = new RemoteFile[1];
                    put.add(rate(size, server, putCpu, () -> stored[0] = files.put(source, "source.bin", -1)));
                    Path copy = work.resolve("copy.bin");
                    get.add(rate(size, server, getCpu, () -> files.get("source.bin", copy)));
                    if (Files.mismatch(source, copy) != -1) {
                        throw new IllegalStateException("the downloaded copy differs from the source");
                    }
                    Files.delete(copy);
                    files.delete("source.bin");
                    System.err.printf(Locale.ROOT, "   round %d: raw %.0f MB/s (%.2f CPU s/GB), put %.0f MB/s (%.2f),"
                                    + " get %.0f MB/s (%.2f) (SHA-256 %s)%n", round + 1, raw.getLast(), rawCpu.getLast(),
                            put.getLast(), putCpu.getLast(), get.getLast(), getCpu.getLast(), stored[0].sha256());
                }
            }
        } finally {
            Files.deleteIfExists(source);
        }
        double limit = ResultTable.median(raw);
        System.out.printf(Locale.ROOT, "| transfer of %s | median MB/s (min–max) | share of the raw copy"
                + " | CPU s per GB, client + server (median) |%n", label(size));
        System.out.println("|---|---:|---:|---:|");
        row("raw loopback TCP copy, disk to disk", raw, limit, rawCpu);
        row("wirehub put (into an Object Store bucket)", put, limit, putCpu);
        row("wirehub get (from the Object Store bucket)", get, limit, getCpu);
    }

    private interface Transfer {
        void run() throws Exception;
    }

    /** MB/s of one transfer; adds the CPU seconds per GB both processes spent on it to {@code cpu}. */
    private static double rate(long size, BenchServer server, List<Double> cpu, Transfer transfer) throws Exception {
        long cpuBefore = ownCpuNanos() + server.cpuNanos();
        long started = System.nanoTime();
        transfer.run();
        long elapsed = System.nanoTime() - started;
        cpu.add((ownCpuNanos() + server.cpuNanos() - cpuBefore) / 1e9 / (size / 1e9));
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
