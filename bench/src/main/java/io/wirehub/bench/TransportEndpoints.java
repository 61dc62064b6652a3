package io.wirehub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The extra listeners of a server run for the per-transport benchmark: TLS on the client port
 * (with {@code allow_non_tls}, so plain TCP clients still connect), a plain WebSocket port, and,
 * for Wirehub, a Unix socket. Certificates come from {@code wirehub tls init}, so the same files
 * serve both servers.
 *
 * @param unixSocket null for a server without Unix sockets (nats-server)
 */
record TransportEndpoints(Path certificates, SSLContext clientTls, int websocketPort, Path unixSocket) {

    /** Makes certificates once per run with the Wirehub jar under test. */
    static Path makeCertificates(Path wirehubJar) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bench-tls-");
        Files.delete(dir); // tls init creates it and refuses to write into existing files
        Process init = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                wirehubJar.toString(), "tls", "init", dir.toString()).redirectErrorStream(true).start();
        String output = new String(init.getInputStream().readAllBytes());
        if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
            throw new IOException("wirehub tls init failed: " + output);
        }
        return dir;
    }

    static TransportEndpoints forServer(Path certificates, boolean withUnixSocket) throws IOException {
        Path unix = withUnixSocket ? Files.createTempDirectory("bench-unix-").resolve("wirehub.sock") : null;
        return new TransportEndpoints(certificates, trusting(certificates.resolve("ca.pem")), freePort(), unix);
    }

    /** The config lines that turn these listeners on, in the NATS format both servers read. */
    String configText() {
        StringBuilder text = new StringBuilder();
        text.append("tls {\n  cert_file: \"").append(certificates.resolve("server-cert.pem")).append("\"\n")
                .append("  key_file: \"").append(certificates.resolve("server-key.pem")).append("\"\n}\n")
                .append("allow_non_tls: true\n")
                .append("websocket {\n  host: 127.0.0.1\n  port: ").append(websocketPort).append("\n  no_tls: true\n}\n");
        if (unixSocket != null) {
            text.append("unix {\n  path: \"").append(unixSocket).append("\"\n}\n");
        }
        return text.toString();
    }

    private static SSLContext trusting(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("wirehub-dev-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot trust " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    List<BenchTransport> offered() {
        return unixSocket == null ? List.of(BenchTransport.TCP, BenchTransport.TLS, BenchTransport.WEBSOCKET)
                : List.of(BenchTransport.values());
    }
}
