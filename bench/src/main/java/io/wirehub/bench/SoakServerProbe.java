package io.wirehub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a Wirehub process's figures from outside: /varz on its monitoring port, /proc/PID/status
 * and /proc/PID/fd, and the heap in use after a full collection.
 *
 * <p>The heap after GC comes from {@code jcmd PID GC.run} followed by {@code GC.heap_info}
 * ({@link ServerMemory#liveHeapBytes}): the simplest reliable figure. A full collection leaves only
 * live objects, so a leak shows as a steady rise; the heap after an ordinary young collection (what
 * {@code -Xlog:gc} records) still holds old garbage that waits for the next mixed cycle, which
 * swings by tens of MiB and would hide a slow leak. The price is one full GC per sample in the
 * server and two short jcmd processes on the soak's side.
 */
final class SoakServerProbe implements AutoCloseable {
    private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long pid;
    private final URI varz;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SoakServerProbe(long pid, int monitoringPort) {
        this.pid = pid;
        this.varz = URI.create("http://127.0.0.1:" + monitoringPort + "/varz");
    }

    /** What the server reported at one moment. Counters ({@code inMsgs} and on) are totals since start. */
    record Figures(long nanoTime, long heapAfterGc, long rss, long varzMem, int fds, int threads, int connections,
                   long inMsgs, long outMsgs, long totalConnections, long slowConsumers, long cpuNanos) {
    }

    Figures read(long cpuNanos) throws IOException, InterruptedException {
        long heap = ServerMemory.liveHeapBytes(pid);
        JsonNode varzNow = varz();
        long now = System.nanoTime();
        return new Figures(now, heap, ServerMemory.residentBytes(pid), varzNow.path("mem").asLong(), openFiles(),
                threads(), varzNow.path("connections").asInt(), varzNow.path("in_msgs").asLong(),
                varzNow.path("out_msgs").asLong(), varzNow.path("total_connections").asLong(),
                varzNow.path("slow_consumers").asLong(), cpuNanos);
    }

    private JsonNode varz() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(varz).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(varz + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private int openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    private int threads() throws IOException {
        Matcher matcher = THREADS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!matcher.find()) {
            throw new IOException("no Threads in /proc/" + pid + "/status");
        }
        return Integer.parseInt(matcher.group(1));
    }

    @Override
    public void close() {
        http.close();
    }
}
