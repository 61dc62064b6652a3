package io.wirehub.server.transport.tls;

import io.wirehub.server.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of TLS built from a {@link TlsConfig}: the key and chain, the CA that signs
 * client certificates, protocol versions and suites. Built once at start (and checked: a key
 * that does not belong to the certificate stops the start, naming both files).
 */
public final class ServerTlsContext {
    private final SSLContext context;
    private final TlsConfig config;
    private final String[] protocols;
    private final String[] cipherSuites;

    private ServerTlsContext(SSLContext context, TlsConfig config, String[] protocols, String[] cipherSuites) {
        this.context = context;
        this.config = config;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    /** @throws TlsSetupException naming the file and the reason when a file is unusable */
    public static ServerTlsContext of(TlsConfig config) {
        KeyStore identity = config.keyStore() != null ? loadKeyStore(config.keyStore(), config.keyStorePassword())
                : pemIdentity(config);
        char[] keyPassword = password(config.keyStore() != null
                ? (config.keyPassword() != null ? config.keyPassword() : config.keyStorePassword()) : "");
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, keyPassword);
            TrustManagerFactory trust = null;
            if (config.caFile() != null) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                int n = 0;
                for (X509Certificate ca : PemFiles.certificates(config.caFile(), "tls ca_file")) {
                    cas.setCertificateEntry("ca-" + n++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(cas);
            } else if (config.verifiesClients()) {
                // verify without ca_file: the JDK's trusted roots, as nats-server uses the system's.
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init((KeyStore) null);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            String[] protocols = config.minVersion().equals("1.3") ? new String[] {"TLSv1.3"}
                    : new String[] {"TLSv1.3", "TLSv1.2"};
            String[] suites = suites(context, config.cipherSuites());
            return new ServerTlsContext(context, config, protocols, suites);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("tls: cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static String[] suites(SSLContext context, List<String> wanted) {
        if (wanted.isEmpty()) {
            return null;
        }
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        for (String suite : wanted) {
            if (!supported.contains(suite)) {
                throw new TlsSetupException("tls cipher_suites: \"" + suite + "\" is not a suite this JVM supports");
            }
        }
        return wanted.toArray(new String[0]);
    }

    private static KeyStore pemIdentity(TlsConfig config) {
        List<X509Certificate> chain = PemFiles.certificates(config.certFile(), "tls cert_file");
        PrivateKey key = PemFiles.privateKey(config.keyFile(), config.keyPassword(), "tls key_file");
        if (!belongTogether(key, chain.get(0))) {
            throw new TlsSetupException("tls key_file " + config.keyFile() + " does not match the certificate in "
                    + config.certFile() + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, new char[0], chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("tls: cannot use the key in " + config.keyFile() + ": " + e.getMessage(), e);
        }
    }

    /** Signs a probe with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm();
        };
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "wirehub key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore loadKeyStore(Path file, String password) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String type = name.endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password(password));
            boolean hasKey = false;
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                hasKey |= store.isKeyEntry(aliases.nextElement());
            }
            if (!hasKey) {
                throw new TlsSetupException("tls keystore " + file + ": holds no private key");
            }
            return store;
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("tls keystore " + file + ": no such file");
        } catch (IOException e) {
            throw new TlsSetupException("tls keystore " + file + ": cannot read it (wrong keystore_password?): "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("tls keystore " + file + ": " + e.getMessage());
        }
    }

    private static char[] password(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    public TlsConfig config() {
        return config;
    }

    /** A server-side socket over an accepted connection, configured for this listener. */
    SSLSocket serverSocket(java.net.Socket plain, byte[] consumed) throws IOException {
        java.io.ByteArrayInputStream already = consumed == null || consumed.length == 0 ? null
                : new java.io.ByteArrayInputStream(consumed);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, already, true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(parameters());
        return socket;
    }

    /**
     * The server side of TLS over a connection accepted elsewhere (the leafnode port, where TLS
     * starts after the INFO), handshaken within the config's timeout.
     *
     * @throws IOException when the handshake fails or times out (the caller closes the socket)
     */
    public SSLSocket handshakeAccepted(java.net.Socket plain) throws IOException {
        SSLSocket socket = serverSocket(plain, null);
        socket.setSoTimeout((int) Math.max(1, config.timeout().toMillis()));
        socket.startHandshake();
        socket.setSoTimeout(0);
        return socket;
    }

    SSLEngine engine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters());
        return engine;
    }

    /**
     * HTTPS for the monitoring port with this certificate, as nats-server serves it: the same
     * versions and suites, and no client certificate asked for even when the client port requires
     * one (a browser or Prometheus has none).
     */
    public com.sun.net.httpserver.HttpsConfigurator httpsConfigurator() {
        return new com.sun.net.httpserver.HttpsConfigurator(context) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters https) {
                SSLParameters parameters = parameters();
                parameters.setNeedClientAuth(false);
                parameters.setWantClientAuth(false);
                https.setSSLParameters(parameters);
            }
        };
    }

    private SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols);
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites);
        }
        if (config.verifiesClients()) {
            parameters.setNeedClientAuth(true);
        }
        return parameters;
    }
}
