package io.wirehub.server.leaf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The bytes of one leaf connection, whatever carries them: a TCP (or TLS) socket on the leafnode
 * port, or a WebSocket on {@code /leafnode} (nats-server carries the same leaf protocol in binary
 * frames there). The reader thread reads {@link #input()}, one writer at a time writes
 * {@link #output()} (each write goes out at once), anyone may {@link #close()}.
 */
interface LeafStream {

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /**
     * Reads give up after this long with a {@link java.net.SocketTimeoutException} (the stream
     * stays usable); 0 waits forever.
     */
    void readTimeout(int millis) throws IOException;

    /** The peer's address, as logs and /leafz show it. */
    String remoteHost();

    int remotePort();

    /** The socket under this stream; null for a WebSocket, whose TLS (wss) ran before the upgrade. */
    Socket socket();

    /** Closes the connection; blocked reads and writes fail. Idempotent. */
    void close();

    /**
     * Closes the connection, telling the peer why where the stream has a way to (a WebSocket close
     * frame with nats-server's code for the reason); a socket just closes.
     *
     * @param reason the close reason as logs show it ({@code Client Closed}, {@code Authorization
     *               Violation}...); null for none known
     */
    default void close(String reason) {
        close();
    }

    /** Over a socket: its own streams and SO_TIMEOUT. */
    static LeafStream of(Socket socket) {
        return new LeafStream() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void readTimeout(int millis) throws IOException {
                socket.setSoTimeout(millis);
            }

            @Override
            public String remoteHost() {
                return socket.getInetAddress() == null ? "" : socket.getInetAddress().getHostAddress();
            }

            @Override
            public int remotePort() {
                return socket.getPort();
            }

            @Override
            public Socket socket() {
                return socket;
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    // already gone
                }
            }
        };
    }
}
