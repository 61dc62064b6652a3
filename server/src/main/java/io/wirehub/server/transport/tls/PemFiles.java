package io.wirehub.server.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Certificates and private keys from PEM files, with the JDK alone (so the server's start does
 * not load a crypto library): certificate chains; private keys as PKCS#8 ({@code PRIVATE KEY}),
 * encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1
 * EC ({@code EC PRIVATE KEY}). Every failure is a {@link TlsSetupException} naming the file and
 * what is wrong with it.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    /** Key algorithms tried, in order, for a PKCS#8 key. */
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    /** One PEM block: its label and decoded bytes. */
    record Block(String label, byte[] der, boolean legacyEncrypted) {
    }

    private PemFiles() {
    }

    static List<Block> blocks(Path file, String what) {
        String text = read(file, what);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            boolean legacyEncrypted = body.contains("DEK-Info:");
            String base64 = body.replaceAll("(?m)^[A-Za-z-]+:.*$", "").replaceAll("\\s", "");
            try {
                blocks.add(new Block(m.group(1), Base64.getDecoder().decode(base64), legacyEncrypted));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(what + " " + file + ": the " + m.group(1) + " block is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new TlsSetupException(what + " " + file + ": no PEM block (-----BEGIN ...-----) found");
        }
        return blocks;
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new TlsSetupException(what + " " + file + ": cannot read it: " + e.getMessage());
        }
    }

    /** Every certificate in the file, in file order (a chain: leaf first). */
    public static List<X509Certificate> certificates(Path file, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file, what)) {
            if (!block.label().equals("CERTIFICATE") && !block.label().equals("TRUSTED CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw new TlsSetupException(what + " " + file + ": not a valid certificate: " + e.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(what + " " + file + ": no CERTIFICATE block found");
        }
        return certificates;
    }

    /** The private key in the file; {@code password} is for an encrypted key, else null. */
    public static PrivateKey privateKey(Path file, String password, String what) {
        List<String> labels = new ArrayList<>();
        for (Block block : blocks(file, what)) {
            labels.add(block.label());
            if (block.legacyEncrypted()) {
                throw new TlsSetupException(what + " " + file + ": OpenSSL's legacy key encryption (DEK-Info) is"
                        + " not supported; convert it with: openssl pkcs8 -topk8 -in KEY -out KEY.p8");
            }
            try {
                switch (block.label()) {
                    case "PRIVATE KEY":
                        return pkcs8(block.der());
                    case "ENCRYPTED PRIVATE KEY":
                        return encrypted(block.der(), password, file, what);
                    case "RSA PRIVATE KEY":
                        return pkcs8(Der.sequence(Der.integer(0), Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue()),
                                Der.octetString(block.der())));
                    case "EC PRIVATE KEY":
                        return pkcs8(Der.sequence(Der.integer(0), Der.sequence(Der.oid(EC_PUBLIC_KEY),
                                Der.oid(sec1Curve(block.der()))), Der.octetString(block.der())));
                    default:
                        break;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new TlsSetupException(what + " " + file + ": the " + block.label() + " cannot be read: "
                        + e.getMessage());
            }
        }
        throw new TlsSetupException(what + " " + file + ": no private key found (blocks: " + String.join(", ", labels)
                + ")");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not an RSA, EC or EdDSA key", last);
    }

    private static PrivateKey encrypted(byte[] der, String password, Path file, String what)
            throws GeneralSecurityException {
        if (password == null) {
            throw new TlsSetupException(what + " " + file + ": the key is encrypted; give its password (key_password)");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            Cipher cipher = Cipher.getInstance(info.getAlgName());
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(info.getAlgName())
                    .generateSecret(new PBEKeySpec(password.toCharArray())), info.getAlgParameters());
            return pkcs8(info.getKeySpec(cipher).getEncoded());
        } catch (IOException e) {
            throw new GeneralSecurityException("not an encrypted PKCS#8 key", e);
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new TlsSetupException(what + " " + file + ": wrong key_password, or the key is damaged");
        }
    }

    /** The named curve's OID content from a SEC1 ECPrivateKey ([0] parameters). */
    private static byte[] sec1Curve(byte[] der) {
        for (Der.Element element : Der.sequence(der)) {
            if (element.tag() == Der.CONTEXT_0) {
                List<Der.Element> inner = Der.elements(element.content());
                if (!inner.isEmpty() && inner.get(0).tag() == Der.OID) {
                    return inner.get(0).content();
                }
            }
        }
        throw new IllegalArgumentException("the EC key names no curve (an explicit-parameters key?)");
    }
}
