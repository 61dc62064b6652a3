package io.wirehub.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway PKI made with the real openssl command: a CA, server certificates (RSA and EC) with
 * the server key in every PEM form Wirehub reads, client certificates (good, expired, signed by
 * another CA), and PKCS#12 bundles for Java clients. Made once per directory; every file is
 * openssl's own output, so the tests read what users will feed the server.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Creates the files in {@code dir} (skips or fails the test when openssl is missing). */
    public static TestCertificates create(Path dir) {
        Path openssl = TestTools.require("openssl", "/usr/bin/openssl", "/usr/local/bin/openssl");
        TestCertificates certs = new TestCertificates(dir);
        certs.make(openssl.toString());
        return certs;
    }

    private void make(String openssl) {
        write("server.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n");
        write("client.ext", "subjectAltName=email:alice@example.com\nextendedKeyUsage=clientAuth\n");
        write("ca.cnf", """
                [ ca ]
                default_ca = test
                [ test ]
                database = index.txt
                new_certs_dir = .
                serial = ca.serial
                default_md = sha256
                policy = anything
                copy_extensions = copy
                [ anything ]
                commonName = supplied
                """);
        write("index.txt", "");
        write("ca.serial", "1000\n");
        run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                "-days", "3650", "-subj", "/CN=Wirehub Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        // Server, RSA: the key as PKCS#8 (openssl 3's default), PKCS#1, and encrypted PKCS#8.
        run(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr",
                "-subj", "/CN=localhost");
        sign(openssl, "server.csr", "server.pem", "server.ext");
        run(openssl, "rsa", "-in", "server-key.pem", "-traditional", "-out", "server-key-pkcs1.pem");
        run(openssl, "pkcs8", "-topk8", "-in", "server-key.pem", "-out", "server-key-encrypted.pem", "-passout",
                "pass:" + PASSWORD, "-v2", "aes-256-cbc");
        run(openssl, "pkcs12", "-export", "-in", "server.pem", "-inkey", "server-key.pem", "-certfile", "ca.pem",
                "-out", "server.p12", "-passout", "pass:" + PASSWORD);
        // Server, EC: the key in SEC1 form ("EC PRIVATE KEY").
        run(openssl, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server-ec-key.pem");
        run(openssl, "req", "-new", "-key", "server-ec-key.pem", "-out", "server-ec.csr", "-subj", "/CN=localhost");
        sign(openssl, "server-ec.csr", "server-ec.pem", "server.ext");
        // Clients: good, expired, and signed by a CA the server does not trust.
        run(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client-key.pem", "-out", "client.csr",
                "-subj", "/CN=alice");
        sign(openssl, "client.csr", "client.pem", "client.ext");
        bundle(openssl, "client.pem", "client-key.pem", "client.p12");
        run(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "expired-key.pem", "-out", "expired.csr",
                "-subj", "/CN=expired");
        run(openssl, "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca-key.pem", "-in",
                "expired.csr", "-out", "expired.pem", "-startdate", "20200101000000Z", "-enddate",
                "20200102000000Z", "-notext");
        bundle(openssl, "expired.pem", "expired-key.pem", "expired.p12");
        run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca-key.pem", "-out",
                "other-ca.pem", "-days", "3650", "-subj", "/CN=Some Other CA", "-addext",
                "basicConstraints=critical,CA:TRUE");
        run(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger-key.pem", "-out", "stranger.csr",
                "-subj", "/CN=stranger");
        run(openssl, "x509", "-req", "-in", "stranger.csr", "-CA", "other-ca.pem", "-CAkey", "other-ca-key.pem",
                "-CAcreateserial", "-out", "stranger.pem", "-days", "365", "-extfile", "client.ext");
        bundle(openssl, "stranger.pem", "stranger-key.pem", "stranger.p12");
    }

    private void sign(String openssl, String csr, String out, String ext) {
        run(openssl, "x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out",
                out, "-days", "3650", "-extfile", ext);
    }

    private void bundle(String openssl, String cert, String key, String out) {
        run(openssl, "pkcs12", "-export", "-in", cert, "-inkey", key, "-out", out, "-passout", "pass:" + PASSWORD);
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Path caCert() {
        return file("ca.pem");
    }

    public Path serverCert() {
        return file("server.pem");
    }

    /** PKCS#8, unencrypted. */
    public Path serverKey() {
        return file("server-key.pem");
    }

    /**
     * A client context trusting the test CA, presenting the PKCS#12 bundle {@code clientBundle}
     * ("client.p12", "expired.p12", "stranger.p12"), or no certificate when null.
     */
    public SSLContext clientContext(String clientBundle) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caCert())) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (clientBundle != null) {
                KeyStore identity = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file(clientBundle))) {
                    identity.load(in, PASSWORD.toCharArray());
                }
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(identity, PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                    null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files made, for failure messages. */
    public List<String> names() {
        try (var files = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            files.forEach(f -> names.add(f.getFileName().toString()));
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }
}
