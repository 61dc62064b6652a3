package io.wirehub.server.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Answers the connections waiting in a listening socket's backlog when the server will not start
 * after all (a config error found after the launcher bound the port): each gets a last word (an
 * -ERR line, an HTTP 503) instead of a reset, then is closed. Connections keep arriving until the
 * socket is closed; the caller closes it right after.
 */
public final class BacklogRefusal {
    private static final int MAX_DRAINED = 64 * 1024;

    private BacklogRefusal() {
    }

    /** Accepts every waiting connection, writes {@code notice} and closes it; returns how many there were. */
    public static int answer(ServerSocketChannel server, byte[] notice) {
        int answered = 0;
        try {
            server.configureBlocking(false);
            SocketChannel client;
            while ((client = server.accept()) != null) {
                answer(client, notice);
                answered++;
            }
        } catch (IOException e) {
            // The socket is going away anyway; those not reached see it close.
        }
        return answered;
    }

    private static void answer(SocketChannel client, byte[] notice) {
        try (client) {
            client.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(notice);
            client.write(out); // small enough for an empty send buffer
            client.shutdownOutput();
            // Read what the client already sent (a CONNECT, a request): closing with unread input
            // would reset the connection, and the client could lose the notice.
            ByteBuffer in = ByteBuffer.allocate(4096);
            int drained = 0;
            int n;
            while (drained < MAX_DRAINED && (n = client.read(in)) > 0) {
                drained += n;
                in.clear();
            }
        } catch (IOException e) {
            // That client is gone already.
        }
    }
}
