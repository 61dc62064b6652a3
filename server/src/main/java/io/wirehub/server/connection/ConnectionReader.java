package io.wirehub.server.connection;

import io.wirehub.server.protocol.ProtocolError;
import io.wirehub.server.protocol.WireEncoder;
import io.wirehub.server.protocol.ProtocolViolation;
import io.wirehub.server.transport.TlsHandshakeException;
import io.wirehub.server.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads from a client: reads into a reused buffer, feeds the parser, and at
 * the end of each read batch wakes every writer it delivered to. Its single try/catch maps every
 * way a connection can end to a close reason; nothing a client sends escapes it.
 */
final class ConnectionReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionReader.class);
    /**
     * Read buffer bounds: small for idle connections, grown while reads fill it. It starts at the
     * smallest size, as nats-server's does: most connections stay idle after CONNECT, and 10,000 of
     * them held 40 MB in 4 KiB buffers; a busy one doubles to 64 KiB within seven full reads.
     */
    private static final int MIN_BUFFER = 512;
    private static final int START_BUFFER = MIN_BUFFER;
    private static final int MAX_BUFFER = 64 * 1024;
    /** Consecutive short reads before the buffer shrinks. */
    private static final int SHORT_READS_TO_SHRINK = 8;

    private final ClientConnection connection;
    private final Transport transport;
    private final ClientProtocolHandler protocol;
    private final Thread thread;

    ConnectionReader(ClientConnection connection, Transport transport, ConnectionServices services) {
        this.connection = connection;
        this.transport = transport;
        this.protocol = new ClientProtocolHandler(connection, services);
        this.thread = Thread.ofVirtual().name("wirehub-reader-" + connection.id()).unstarted(this);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        connection.readerRunning();
        try {
            readLoop();
        } catch (ProtocolViolation violation) {
            protocol.endBatch();
            refuse(violation);
        } catch (TlsHandshakeException e) {
            if (!connection.isClosed() || connection.closeReason() == CloseReason.TLS_HANDSHAKE_ERROR) {
                LOG.error("{} - {}", connection, e.getMessage());
            }
            connection.close(CloseReason.TLS_HANDSHAKE_ERROR);
        } catch (IOException e) {
            protocol.endBatch();
            if (!connection.isClosed()) {
                LOG.debug("{} - read error: {}", connection, e.toString());
            }
            connection.close(CloseReason.READ_ERROR);
        } catch (RuntimeException | Error e) {
            protocol.endBatch();
            connection.internalError("reader", e);
        }
    }

    private void readLoop() throws IOException, ProtocolViolation {
        byte[] bytes = new byte[START_BUFFER];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int shortReads = 0;
        boolean firstRead = true;
        while (!connection.isClosed()) {
            buffer.clear();
            int read = transport.read(buffer);
            if (read < 0) {
                connection.close(CloseReason.CLIENT_CLOSED);
                return;
            }
            if (connection.isClosed()) {
                // Closed by the server meanwhile (shutdown, stale): what arrived is not acted on.
                return;
            }
            if (firstRead) {
                firstRead = false;
                connection.firstBytesRead();
            }
            protocol.parse(bytes, read);
            protocol.endBatch();
            pauseIfRateLimited();
            if (read == bytes.length && bytes.length < MAX_BUFFER) {
                bytes = new byte[bytes.length * 2];
                buffer = ByteBuffer.wrap(bytes);
                shortReads = 0;
            } else if (read < bytes.length / 2 && bytes.length > MIN_BUFFER && ++shortReads >= SHORT_READS_TO_SHRINK) {
                bytes = new byte[bytes.length / 2];
                buffer = ByteBuffer.wrap(bytes);
                shortReads = 0;
            }
        }
    }

    /** A SLOW_DOWN rate limit: stop reading for a while, so TCP pushes back on the publisher. */
    private void pauseIfRateLimited() {
        long pause = protocol.takePause();
        if (pause > 0) {
            try {
                Thread.sleep(java.time.Duration.ofNanos(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Answers a violation the way nats-server does: the -ERR (if any), then the close. */
    private void refuse(ProtocolViolation violation) {
        ProtocolError error = violation.error();
        if (error.errText() != null) {
            connection.queueControl(WireEncoder.err(error.errText()));
        }
        CloseReason reason = switch (error) {
            case UNKNOWN_OPERATION, MALFORMED -> CloseReason.PROTOCOL_VIOLATION;
            case MAX_CONTROL_LINE -> CloseReason.MAX_CONTROL_LINE_EXCEEDED;
            case MAX_PAYLOAD -> CloseReason.MAX_PAYLOAD_EXCEEDED;
            case AUTHORIZATION_VIOLATION -> CloseReason.AUTHENTICATION_VIOLATION;
            case MAX_ACCOUNT_CONNECTIONS -> CloseReason.MAX_ACCOUNT_CONNECTIONS_EXCEEDED;
            case MAX_SUBSCRIPTIONS -> CloseReason.MAX_SUBSCRIPTIONS_EXCEEDED;
            case BAD_CLIENT_PROTOCOL -> CloseReason.BAD_CLIENT_PROTOCOL_VERSION;
            case NO_RESPONDERS_REQUIRES_HEADERS -> CloseReason.NO_RESPONDERS_REQUIRES_HEADERS;
            case CLIENT_ERROR -> CloseReason.PARSE_ERROR;
        };
        if (error == ProtocolError.AUTHORIZATION_VIOLATION) {
            connection.stats().authFailure();
        }
        LOG.debug("{} - {}: {}", connection, reason.text(), violation.getMessage());
        connection.close(reason);
    }
}
