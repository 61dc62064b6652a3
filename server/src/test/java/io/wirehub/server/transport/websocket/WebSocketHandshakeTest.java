package io.wirehub.server.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class WebSocketHandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static final WebSocketSettings PLAIN = WebSocketSettings.defaults(1024 * 1024);

    private static String request(String... extraHeaders) {
        StringBuilder text = new StringBuilder("GET /nats?x=1 HTTP/1.1\r\n"
                + "Host: server.example.com:8080\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    /** The request with one header line removed (by its name) or replaced. */
    private static String requestWithout(String headerName) {
        return request().replaceAll("(?m)^" + headerName + ":[^\r]*\r\n", "");
    }

    private static HandshakeResult handshake(WebSocketSettings settings, String request) throws Exception {
        // One byte per read: the blank line is found wherever the reads split it.
        return new WebSocketHandshake(settings).read(new ScriptedTransport(request, 1));
    }

    private static HandshakeResult.Refused refused(WebSocketSettings settings, String request) throws Exception {
        HandshakeResult result = handshake(settings, request);
        assertThat(result).isInstanceOf(HandshakeResult.Refused.class);
        return (HandshakeResult.Refused) result;
    }

    private static HandshakeResult.Accepted accepted(WebSocketSettings settings, String request) throws Exception {
        HandshakeResult result = handshake(settings, request);
        assertThat(result).isInstanceOf(HandshakeResult.Accepted.class);
        return (HandshakeResult.Accepted) result;
    }

    private static String text(byte[] response) {
        return new String(response, StandardCharsets.ISO_8859_1);
    }

    @Test
    void acceptKeyIsTheRfcExample() {
        assertThat(WebSocketHandshake.acceptKey(KEY)).isEqualTo(ACCEPT);
    }

    @Test
    void acceptsAValidUpgradeWithAPlain101() throws Exception {
        HandshakeResult.Accepted result = accepted(PLAIN, request("Sec-WebSocket-Protocol: nats"));
        assertThat(text(result.response())).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n"
                + "\r\n");
        assertThat(result.compression()).isFalse();
        assertThat(result.noMasking()).isFalse();
        assertThat(result.browser()).isFalse();
        assertThat(result.forwardedFor()).isNull();
        assertThat(result.path()).isEqualTo("/nats");
    }

    @Test
    void tokensAreMatchedCaseInsensitivelyInCommaLists() throws Exception {
        String request = request().replace("Upgrade: websocket", "upgrade: WebSocket")
                .replace("Connection: Upgrade", "connection: keep-alive, upgrade")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8, 13");
        accepted(PLAIN, request);
    }

    @Test
    void performWritesThe101ThroughTheTransport() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(request(), 4096);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            HandshakeResult result = new WebSocketHandshake(PLAIN).perform(transport, timer);
            assertThat(result).isInstanceOf(HandshakeResult.Accepted.class);
            assertThat(transport.written()).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: " + ACCEPT + "\r\n");
            assertThat(transport.isOpen()).isTrue();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void refusesOtherMethodsWith405() throws Exception {
        HandshakeResult.Refused result = refused(PLAIN, request().replace("GET ", "POST "));
        assertThat(result.status()).isEqualTo(405);
        String response = text(result.response());
        assertThat(response).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET\r\n");
    }

    @ParameterizedTest
    @CsvSource({
        "Host, 'Host' missing in request",
        "Upgrade, invalid value for header 'Upgrade'",
        "Connection, invalid value for header 'Connection'",
        "Sec-WebSocket-Key, key missing",
        "Sec-WebSocket-Version, invalid version",
    })
    void refusesAMissingHeaderWith400(String header, String reason) throws Exception {
        HandshakeResult.Refused result = refused(PLAIN, requestWithout(header));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.reason()).isEqualTo(reason);
    }

    @Test
    void refusesWrongHeaderValuesWith400() throws Exception {
        assertThat(refused(PLAIN, request().replace("Upgrade: websocket", "Upgrade: h2c")).reason())
                .isEqualTo("invalid value for header 'Upgrade'");
        assertThat(refused(PLAIN, request().replace("Connection: Upgrade", "Connection: keep-alive")).reason())
                .isEqualTo("invalid value for header 'Connection'");
        // 15 bytes, then text that is not base64.
        assertThat(refused(PLAIN, request().replace(KEY, "AAAAAAAAAAAAAAAAAAAA")).reason()).isEqualTo("invalid key");
        assertThat(refused(PLAIN, request().replace(KEY, "not base64 at all!")).reason()).isEqualTo("invalid key");
    }

    @Test
    void aWrongVersionIsAnsweredWithTheVersionWeSpeak() throws Exception {
        HandshakeResult.Refused result = refused(PLAIN, request().replace("Version: 13", "Version: 8"));
        assertThat(result.status()).isEqualTo(400);
        String response = text(result.response());
        String body = "invalid version\n";
        assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("Sec-WebSocket-Version: 13\r\n")
                .contains("Content-Type: text/plain; charset=utf-8\r\n")
                .contains("Connection: close\r\n")
                .contains("Content-Length: " + body.length() + "\r\n")
                .endsWith("\r\n\r\n" + body);
    }

    @Test
    void refusesDataSentBeforeThe101() throws Exception {
        // All of it arrives in one read, as it would on the socket.
        HandshakeResult result = new WebSocketHandshake(PLAIN)
                .read(new ScriptedTransport(request() + "\u0081\u0080abcd", 4096));
        assertThat(result).isEqualTo(new HandshakeResult.Refused(400, "client sent data before handshake is complete"));
    }

    @Test
    void neverReadsMoreThanTheRequestCap() throws Exception {
        WebSocketSettings settings = new WebSocketSettings(false, false, List.of(), Duration.ofSeconds(2), 1024, 256);
        ScriptedTransport transport = new ScriptedTransport(request("X-Padding: " + "a".repeat(10_000)), 100_000);
        HandshakeResult result = new WebSocketHandshake(settings).read(transport);
        assertThat(result).isEqualTo(new HandshakeResult.Refused(431, "request headers too large"));
        assertThat(transport.consumed()).isEqualTo(256);
    }

    @Test
    void refusesMalformedRequests() throws Exception {
        assertThat(refused(PLAIN, "GET /\r\nHost: x\r\n\r\n").reason()).isEqualTo("malformed request line");
        assertThat(refused(PLAIN, "GET / HTTP/1.0\r\nHost: x\r\n\r\n").reason()).isEqualTo("unsupported HTTP version");
        assertThat(refused(PLAIN, request("no colon here")).reason()).isEqualTo("malformed header line");
    }

    @Test
    void aClientThatLeavesMidRequestIsAnEndOfStream() {
        assertThatThrownBy(() -> handshake(PLAIN, request().substring(0, 40))).isInstanceOf(EOFException.class);
    }

    @Test
    void aRequestThatNeverEndsTimesOut() throws Exception {
        // Slowloris (ATTACKS 4): half a request, then nothing, on a real socket.
        WebSocketSettings settings = PLAIN.withHandshakeTimeout(Duration.ofMillis(200));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (WebSocketPeer peer = new WebSocketPeer()) {
            peer.send(request().substring(0, 40));
            assertThatThrownBy(() -> new WebSocketHandshake(settings).perform(peer.server, timer))
                    .isInstanceOf(WebSocketHandshakeException.class)
                    .hasMessage("WebSocket handshake timeout");
            assertThat(peer.server.isOpen()).isFalse();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aRefusalIsSentAsAnHttpResponseOverTheSocket() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (WebSocketPeer peer = new WebSocketPeer()) {
            peer.send(request().replace("GET ", "PUT "));
            HandshakeResult result = new WebSocketHandshake(PLAIN).perform(peer.server, timer);
            assertThat(result).isInstanceOf(HandshakeResult.Refused.class);
            peer.server.close();
            InputStream in = peer.input();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                    .endsWith("\r\n\r\nrequest method must be GET\n");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void compressionIsNegotiatedOnlyWhenEnabledAndOffered() throws Exception {
        String offer = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";
        HandshakeResult.Accepted both = accepted(PLAIN.withCompression(true), request(offer));
        assertThat(both.compression()).isTrue();
        assertThat(text(both.response())).contains("\r\nSec-WebSocket-Extensions: permessage-deflate; "
                + "server_no_context_takeover; client_no_context_takeover\r\n");

        HandshakeResult.Accepted notEnabled = accepted(PLAIN, request(offer));
        assertThat(notEnabled.compression()).isFalse();
        assertThat(text(notEnabled.response())).doesNotContain("Extensions");

        HandshakeResult.Accepted notOffered = accepted(PLAIN.withCompression(true),
                request("Sec-WebSocket-Extensions: x-webkit-deflate-frame"));
        assertThat(notOffered.compression()).isFalse();
        assertThat(text(notOffered.response())).doesNotContain("Extensions");
    }

    @Test
    void noMaskingIsEchoed() throws Exception {
        HandshakeResult.Accepted result = accepted(PLAIN, request("Nats-No-Masking: true"));
        assertThat(result.noMasking()).isTrue();
        assertThat(text(result.response())).endsWith("Nats-No-Masking: true\r\n\r\n");
        assertThat(accepted(PLAIN, request("Nats-No-Masking: false")).noMasking()).isFalse();
    }

    @Test
    void browsersAreKnownByTheirUserAgent() throws Exception {
        assertThat(accepted(PLAIN, request("User-Agent: Mozilla/5.0 (X11; Linux x86_64)")).browser()).isTrue();
        assertThat(accepted(PLAIN, request("User-Agent: nats.go")).browser()).isFalse();
    }

    @Test
    void aValidForwardedForAddressIsKept() throws Exception {
        assertThat(accepted(PLAIN, request("X-Forwarded-For: 203.0.113.7, 10.0.0.1")).forwardedFor())
                .isEqualTo(InetAddress.getByName("203.0.113.7"));
        assertThat(accepted(PLAIN, request("X-Forwarded-For: 2001:db8::1")).forwardedFor())
                .isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(accepted(PLAIN, request("X-Forwarded-For: localhost")).forwardedFor()).isNull();
        assertThat(accepted(PLAIN, request("X-Forwarded-For: 300.1.1.1")).forwardedFor()).isNull();
        assertThat(accepted(PLAIN, request("X-Forwarded-For: 1:2:3:zz::1")).forwardedFor()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://server.example.com:8080", "HTTP://Server.Example.com:8080/page"})
    void sameOriginAcceptsTheHostItself(String origin) throws Exception {
        accepted(PLAIN.withOrigins(true, List.of()), request("Origin: " + origin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example.com:8080", "http://server.example.com", "null", "http://server.example.com:9"})
    void sameOriginRefusesOtherOriginsWith403(String origin) throws Exception {
        HandshakeResult.Refused result = refused(PLAIN.withOrigins(true, List.of()), request("Origin: " + origin));
        assertThat(result.status()).isEqualTo(403);
        assertThat(result.reason()).startsWith("origin not allowed: ");
        assertThat(text(result.response())).startsWith("HTTP/1.1 403 Forbidden\r\n");
    }

    @Test
    void sameOriginUsesTheDefaultPortOfTheScheme() throws Exception {
        WebSocketSettings settings = PLAIN.withOrigins(true, List.of());
        String request = request("Origin: http://server.example.com").replace("Host: server.example.com:8080",
                "Host: server.example.com");
        accepted(settings, request);
        // Over TLS the Host's default port is 443, so an http origin on 80 is another origin.
        HandshakeResult tls = new WebSocketHandshake(settings)
                .evaluate(UpgradeRequest.parse(request.getBytes(StandardCharsets.US_ASCII), request.length()), true);
        assertThat(tls).isEqualTo(new HandshakeResult.Refused(403, "origin not allowed: not same origin"));
    }

    @Test
    void allowedOriginsCompareSchemeHostAndPort() throws Exception {
        WebSocketSettings settings = PLAIN.withOrigins(false, List.of("http://localhost:8080", "https://app.example.com"));
        accepted(settings, request("Origin: http://localhost:8080"));
        accepted(settings, request("Origin: https://app.example.com:443"));
        for (String origin : List.of("https://localhost:8080", "http://localhost:8081", "http://app.example.com",
                "http://other:8080")) {
            HandshakeResult.Refused result = refused(settings, request("Origin: " + origin));
            assertThat(result).isEqualTo(new HandshakeResult.Refused(403, "origin not allowed: not in the allowed list"));
        }
    }

    @Test
    void withoutAnOriginHeaderThePolicyDoesNotApply() throws Exception {
        accepted(PLAIN.withOrigins(true, List.of("http://localhost:8080")), request());
    }

    @Test
    void allowedOriginsThatAreNotUrlsAreAConfigurationError() {
        assertThatThrownBy(() -> PLAIN.withOrigins(false, List.of("localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost");
    }
}
