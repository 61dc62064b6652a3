import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.atomic.*;

/**
 * A bystander's request-reply round trips while 50 connections flood a server with garbage (issue 19):
 * half send random bytes, half an endless control line, each reconnecting when cut off.
 * Usage: java bench/scripts/GarbageFlood.java PORT SECONDS ATTACKERS (a server on 127.0.0.1:PORT).
 * Prints every round trip over 50 ms, then p50/p99/p99.9/max. docs/benchmarks.md has the figures.
 */
public class GarbageFlood {
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c, prev = -1;
        while ((c = in.read()) >= 0) { b.write(c); if (prev == '\r' && c == '\n') break; prev = c; }
        if (c < 0) throw new EOFException();
        return b.toByteArray();
    }
    static Socket connect(int port, String extra) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        readLine(s.getInputStream());
        s.getOutputStream().write(("CONNECT {\"verbose\":false}\r\n" + extra + "PING\r\n").getBytes());
        while (!new String(readLine(s.getInputStream())).startsWith("PONG")) { }
        return s;
    }
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        int seconds = Integer.parseInt(a[1]);
        int attackers = Integer.parseInt(a[2]);
        Socket responder = connect(port, "SUB svc 1\r\n");
        Thread r = new Thread(() -> {
            try {
                InputStream in = responder.getInputStream(); OutputStream out = responder.getOutputStream();
                while (true) {
                    String line = new String(readLine(in), StandardCharsets.US_ASCII).trim();
                    if (!line.startsWith("MSG")) continue;
                    String[] p = line.split(" ");
                    readLine(in);
                    out.write(("PUB " + p[3] + " 2\r\nok\r\n").getBytes());
                }
            } catch (IOException e) { System.out.println("responder ended: " + e); }
        });
        r.setDaemon(true); r.start();
        Socket req = connect(port, "SUB inbox 1\r\n");
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong conns = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            boolean endless = i % 2 == 1; long seed = i;
            Thread t = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed); byte[] chunk = new byte[4096];
                while (!done.get()) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 2000); s.setSoTimeout(200); conns.incrementAndGet();
                        OutputStream out = s.getOutputStream();
                        if (endless) { Arrays.fill(chunk, (byte) 'x'); out.write("PUB ".getBytes()); }
                        for (int k = 0; k < 64 && !done.get(); k++) { if (!endless) rnd.nextBytes(chunk); out.write(chunk); }
                    } catch (IOException e) { }
                }
            });
            t.setDaemon(true); ts.add(t);
        }
        long start = System.nanoTime();
        ts.forEach(Thread::start);
        long end = start + seconds * 1_000_000_000L;
        InputStream in = req.getInputStream(); OutputStream out = req.getOutputStream();
        byte[] pub = "PUB svc inbox 2\r\nhi\r\n".getBytes();
        long[] lat = new long[5_000_000]; int n = 0; long max = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            out.write(pub);
            while (!new String(readLine(in)).startsWith("MSG")) { }
            readLine(in);
            long d = System.nanoTime() - t0;
            if (d > 50_000_000L) System.out.printf("slow round trip %.1f ms at +%.2f s%n", d / 1e6, (t0 - start) / 1e9);
            if (n < lat.length) lat[n++] = d;
            max = Math.max(max, d);
        }
        done.set(true);
        Arrays.sort(lat, 0, n);
        System.out.printf("round trips %d p50 %.1f µs p99 %.1f µs p99.9 %.1f µs max %.1f ms; garbage conns/s %.0f%n", n,
                lat[n / 2] / 1e3, lat[(int) (n * 0.99)] / 1e3, lat[(int) (n * 0.999)] / 1e3, max / 1e6, conns.get() / (double) seconds);
        System.exit(0);
    }
}
