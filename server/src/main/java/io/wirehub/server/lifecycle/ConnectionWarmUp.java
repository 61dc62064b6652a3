package io.wirehub.server.lifecycle;

import io.wirehub.server.protocol.ConnectParser;
import io.wirehub.server.protocol.ProtocolViolation;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.protocol.WireEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Runs the first connection's code once, off the hot path, right after start: rendering an INFO and
 * decoding a CONNECT load and initialise the JSON library and parser classes (tens of
 * milliseconds on a cold JVM) before a real client has to wait for them.
 */
public final class ConnectionWarmUp {
    private static final byte[] SAMPLE_CONNECT = ("{\"verbose\":false,\"pedantic\":false,\"lang\":\"java\","
            + "\"version\":\"0\",\"protocol\":1,\"echo\":true,\"headers\":true,\"no_responders\":true}")
            .getBytes(StandardCharsets.US_ASCII);

    private ConnectionWarmUp() {
    }

    public static void run(ServerInfo info) {
        try {
            WireEncoder.info(info, 0, "127.0.0.1", null, false, false);
            ConnectParser.parse(SAMPLE_CONNECT, 0, SAMPLE_CONNECT.length);
        } catch (ProtocolViolation | RuntimeException e) {
            // Only a warm-up: the real path reports its own errors.
            LoggerFactory.getLogger(ConnectionWarmUp.class).debug("warm-up failed: {}", e.toString());
        }
    }
}
