package io.wirehub.server.transport.tls;

import io.wirehub.server.config.TlsConfig;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of TLS, for connections this server dials (a leafnode remote's hub): trusts the
 * {@code ca_file} (the JDK's roots without one), checks the hub's name against the URL's host as
 * nats-server does, and presents a certificate only when one is configured.
 */
public final class ClientTlsContext {
    private final SSLContext context;
    private final TlsConfig config;

    private ClientTlsContext(SSLContext context, TlsConfig config) {
        this.context = context;
        this.config = config;
    }

    /** @throws TlsSetupException naming the file and the reason when a file is unusable */
    public static ClientTlsContext of(TlsConfig config) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (config.caFile() != null) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                int n = 0;
                for (X509Certificate ca : PemFiles.certificates(config.caFile(), "tls ca_file")) {
                    cas.setCertificateEntry("ca-" + n++, ca);
                }
                trust.init(cas);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (config.certFile() != null && config.keyFile() != null) {
                List<X509Certificate> chain = PemFiles.certificates(config.certFile(), "tls cert_file");
                PrivateKey key = PemFiles.privateKey(config.keyFile(), config.keyPassword(), "tls key_file");
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                identity.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new ClientTlsContext(context, config);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("tls: cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the handshake over an open connection, within the block's timeout.
     *
     * @return the TLS socket to read and write from now on (closing it closes {@code plain})
     */
    public SSLSocket handshake(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(config.minVersion().equals("1.3") ? new String[] {"TLSv1.3"}
                : new String[] {"TLSv1.3", "TLSv1.2"});
        socket.setSSLParameters(parameters);
        int previous = plain.getSoTimeout();
        socket.setSoTimeout((int) config.timeout().toMillis());
        socket.startHandshake();
        socket.setSoTimeout(previous);
        return socket;
    }
}
