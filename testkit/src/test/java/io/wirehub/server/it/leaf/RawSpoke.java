package io.wirehub.server.it.leaf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A spoke over a raw socket, to see the hub's exact answers to what a well-behaved spoke never sends. */
final class RawSpoke implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    final String info;

    RawSpoke(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) LeafHubFixture.WAIT.toMillis());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        info = in.readLine();
    }

    /** The nonce of the hub's first INFO. */
    String nonce() {
        int at = info.indexOf("\"nonce\":\"");
        return info.substring(at + 9, info.indexOf('"', at + 9));
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line that starts with one of the prefixes (others skipped), or null at the end of the stream. */
    String next(String... prefixes) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("PING")) {
                send("PONG");
            }
            for (String prefix : prefixes) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        return null;
    }

    /** Whether the hub closed the connection (the stream ends; what was still queued is skipped). */
    boolean closedByHub() throws IOException {
        try {
            while (in.readLine() != null) {
                // skip
            }
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
