package io.wirehub.bench;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A slow consumer: a raw subscriber (a socket with a small receive buffer, so the kernel does not
 * absorb the backlog) reading 4 KiB every 20 ms, about 200 KB/s, while a publisher sends it
 * 1,500 msgs/s of 1 KiB. The backlog fills the kernel's socket buffers, then the server's pending
 * bytes for it grow until {@code max_pending} (set low by the soak) and it is cut off, about 20 s
 * after it connected on the development machine; it connects again a second later. A connection
 * the server has not cut off within 30 s is closed and opened again, so a consumer that only lags
 * also comes and goes.
 */
final class SoakSlowConsumer extends SoakLoad {
    private static final double BATCHES_PER_SECOND = 50;
    private static final int BATCH = 30;
    private static final long LIFETIME_NANOS = 30_000_000_000L;

    SoakSlowConsumer(SoakCounters counters) {
        super("slow consumer", counters);
    }

    @Override
    void start(String url) throws Exception {
        Connection publisher = keep(Nats.connect(new Options.Builder().server(url).maxReconnects(-1).build()));
        byte[] payload = new byte[1024];
        loop("slow-publisher", BATCHES_PER_SECOND, () -> {
            for (int i = 0; i < BATCH; i++) {
                publisher.publish("soak.slow", payload);
            }
        });
        URI server = URI.create(url);
        loop("slow-consumer", 1, () -> {
            if (readSlowly(new InetSocketAddress(server.getHost(), server.getPort()))) {
                counters.slowCutOffs.increment();
                pause(1000);
            }
        });
    }

    /** One connection's life; true when the server ended it. */
    private boolean readSlowly(InetSocketAddress address) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8 * 1024);
            socket.connect(address, 5000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"soak-slow\"}\r\n"
                    + "SUB soak.slow 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            long started = System.nanoTime();
            while (running && System.nanoTime() - started < LIFETIME_NANOS) {
                try {
                    if (in.read(buffer) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException quiet) {
                    continue;
                } catch (java.net.SocketException reset) {
                    return true;
                }
                pause(20);
            }
            return false;
        }
    }
}
