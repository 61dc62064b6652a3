package io.wirehub.cli;

import io.wirehub.server.transport.tls.PemFiles;
import io.wirehub.server.transport.tls.TlsSetupException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of TLS from PEM files, as the nats CLI takes them: {@code --tlsca} (whom to
 * trust; the JVM's roots when absent), {@code --tlscert} and {@code --tlskey} (a client
 * certificate for mutual TLS).
 */
final class ClientTls {
    private ClientTls() {
    }

    static SSLContext context(Path ca, Path cert, Path key) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (ca != null) {
                KeyStore roots = KeyStore.getInstance("PKCS12");
                roots.load(null, null);
                int n = 0;
                for (X509Certificate certificate : PemFiles.certificates(ca, "--tlsca")) {
                    roots.setCertificateEntry("ca-" + n++, certificate);
                }
                trust.init(roots);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (cert != null || key != null) {
                if (cert == null || key == null) {
                    throw new UserFacingException("a client certificate needs both --tlscert and --tlskey");
                }
                List<X509Certificate> chain = PemFiles.certificates(cert, "--tlscert");
                PrivateKey privateKey = PemFiles.privateKey(key, null, "--tlskey");
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                identity.setKeyEntry("client", privateKey, new char[0], chain.toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (TlsSetupException e) {
            throw new UserFacingException(e.getMessage(), e);
        } catch (GeneralSecurityException | IOException e) {
            throw new UserFacingException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
