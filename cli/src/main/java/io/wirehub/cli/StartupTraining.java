package io.wirehub.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import sun.misc.Signal;

/**
 * A short run of {@code wirehub serve} for recording the class-data-sharing archive at build time:
 * it goes through the real start-up path (early bind, command line, server), serves one client,
 * and stops on SIGTERM like a real server. The launcher runs it once after each build, so every
 * later {@code wirehub serve} maps the classes it needs instead of loading them one by one.
 */
public final class StartupTraining {
    private static final Pattern NATS_URL = Pattern.compile("nats://[^\":]+:(\\d+)");

    private StartupTraining() {
    }

    public static void main(String[] ignored) throws Exception {
        Path dir = Files.createTempDirectory("wirehub-training");
        String[] args = {"serve", "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", dir.toString()};
        EarlyBind.bindIfServing(args);
        StringWriter log = new StringWriter();
        Thread server = Thread.ofPlatform().start(() -> Main.run(args, new PrintWriter(log), new PrintWriter(log)));
        int port = awaitPort(dir);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            readUntil(in, "\r\n");
            out.write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true,"
                    + "\"protocol\":1}\r\nSUB a.* q 1\r\nSUB a.b 2\r\nPUB a.b r 5\r\nhello\r\n"
                    + "HPUB a.b 12 14\r\nNATS/1.0\r\n\r\nhi\r\nUNSUB 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            readUntil(in, "PONG\r\n");
        }
        Signal.raise(new Signal("TERM"));
        server.join(10_000);
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(dir);
        System.exit(0);
    }

    private static int awaitPort(Path dir) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher m = NATS_URL.matcher(Files.readString(file));
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("training server did not write its ports file");
    }

    private static void readUntil(InputStream in, String end) throws Exception {
        StringBuilder seen = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            seen.append((char) b);
            if (seen.indexOf(end) >= 0) {
                return;
            }
        }
        throw new IllegalStateException("training server closed early: " + seen);
    }
}
