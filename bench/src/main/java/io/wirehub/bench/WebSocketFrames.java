package io.wirehub.bench;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Just enough RFC 6455 for the raw client: each write goes out as one unmasked binary frame (both
 * servers let a client skip masking when it asks with {@code Nats-No-Masking: true}), and reads
 * return the payload bytes of the server's frames with their headers taken off. Server control
 * frames (ping, close) are skipped: the runs are short and end on the client's side.
 */
final class WebSocketFrames {
    private static final int FIN_BINARY = 0x82;

    private WebSocketFrames() {
    }

    static OutputStream output(OutputStream socket) {
        return new OutputStream() {
            private final byte[] header = new byte[10];

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                int headerLength = header(length);
                synchronized (this) {
                    socket.write(header, 0, headerLength);
                    socket.write(bytes, offset, length);
                }
            }

            private int header(int length) {
                header[0] = (byte) FIN_BINARY;
                if (length < 126) {
                    header[1] = (byte) length;
                    return 2;
                }
                if (length <= 0xFFFF) {
                    header[1] = 126;
                    header[2] = (byte) (length >>> 8);
                    header[3] = (byte) length;
                    return 4;
                }
                header[1] = 127;
                for (int i = 0; i < 8; i++) {
                    header[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
                }
                return 10;
            }
        };
    }

    static InputStream input(InputStream socket) {
        return new FilterInputStream(socket) {
            /** Payload bytes of the current data frame not yet returned. */
            private long remaining;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                while (remaining == 0) {
                    if (!nextDataFrame()) {
                        return -1;
                    }
                }
                int n = in.read(bytes, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw new EOFException("connection closed inside a WebSocket frame");
                }
                remaining -= n;
                return n;
            }

            /** Reads a frame header; skips control frames whole. False at the end of the stream. */
            private boolean nextDataFrame() throws IOException {
                int first = in.read();
                if (first < 0) {
                    return false;
                }
                int second = readByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if ((second & 0x80) != 0) {
                    throw new IOException("a server frame was masked");
                }
                boolean control = (first & 0x08) != 0;
                if (control) {
                    in.skipNBytes(length);
                    return true;
                }
                remaining = length;
                return true;
            }

            private int readByte() throws IOException {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed inside a WebSocket frame header");
                }
                return b;
            }
        };
    }
}
