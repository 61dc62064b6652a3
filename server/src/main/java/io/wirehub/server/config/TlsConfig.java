package io.wirehub.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@code tls { ... }} block: the server's certificate and key (PEM files, or a PKCS#12/JKS key
 * store), who may be a client ({@code ca_file}, {@code verify}), and how the handshake starts.
 *
 * @param certFile               PEM certificate chain, leaf first; null when a key store is used
 * @param keyFile                PEM private key (PKCS#1, PKCS#8, SEC1 EC, or encrypted PKCS#8)
 * @param keyPassword            password of an encrypted key file or key store entry; null for none
 * @param keyStore               PKCS#12 or JKS file holding key and chain; null when PEM is used
 * @param keyStorePassword       the key store's password; null for none
 * @param caFile                 PEM certificates trusted to sign client certificates; null for none
 * @param verify                 require a client certificate that chains to {@code caFile}
 * @param verifyAndMap           as verify, and the certificate's identity names the user
 * @param timeout                time allowed for the handshake (nats-server: 2 s)
 * @param handshakeFirst         TLS from the first byte, before INFO
 * @param handshakeFirstFallback with handshakeFirst: how long to wait for a ClientHello before
 *                               falling back to INFO first ({@code auto}); zero for no fallback
 * @param cipherSuites           suites to enable, by IANA name; empty for the JDK's defaults
 * @param minVersion             lowest protocol version, "1.2" or "1.3"
 */
public record TlsConfig(Path certFile, Path keyFile, String keyPassword, Path keyStore, String keyStorePassword,
                        Path caFile, boolean verify, boolean verifyAndMap, Duration timeout, boolean handshakeFirst,
                        Duration handshakeFirstFallback, List<String> cipherSuites, String minVersion) {

    /** nats-server's TLS_TIMEOUT. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** nats-server's default wait before `handshake_first: auto` falls back to INFO first. */
    public static final Duration DEFAULT_FALLBACK = Duration.ofMillis(50);
    public static final TlsConfig OFF = new TlsConfig(null, null, null, null, null, null, false, false,
            DEFAULT_TIMEOUT, false, Duration.ZERO, List.of(), "1.2");

    public TlsConfig {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(handshakeFirstFallback, "handshakeFirstFallback");
        cipherSuites = List.copyOf(cipherSuites);
    }

    public boolean enabled() {
        return certFile != null || keyFile != null || keyStore != null;
    }

    /** Client certificates are asked for and checked. */
    public boolean verifiesClients() {
        return verify || verifyAndMap;
    }

    public TlsConfig withCertificate(Path cert, Path key) {
        return new TlsConfig(cert, key, keyPassword, keyStore, keyStorePassword, caFile, verify, verifyAndMap,
                timeout, handshakeFirst, handshakeFirstFallback, cipherSuites, minVersion);
    }

    public TlsConfig withCaFile(Path ca) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, ca, verify, verifyAndMap,
                timeout, handshakeFirst, handshakeFirstFallback, cipherSuites, minVersion);
    }

    public TlsConfig withVerify(boolean v) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, caFile, v, verifyAndMap,
                timeout, handshakeFirst, handshakeFirstFallback, cipherSuites, minVersion);
    }

    public TlsConfig withHandshakeFirst(boolean first, Duration fallback) {
        return new TlsConfig(certFile, keyFile, keyPassword, keyStore, keyStorePassword, caFile, verify, verifyAndMap,
                timeout, first, fallback, cipherSuites, minVersion);
    }
}
