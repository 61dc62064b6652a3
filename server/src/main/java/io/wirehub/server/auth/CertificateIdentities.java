package io.wirehub.server.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The names a client certificate can map to a user by ({@code verify_and_map}), in the order
 * nats-server tries them: e-mail addresses, then DNS names, then URIs from the subject
 * alternative names, then the subject's distinguished name (RFC 2253, e.g. {@code CN=alice,O=Acme},
 * and RFC 1779 with spaces after the commas).
 */
final class CertificateIdentities {
    private static final int EMAIL = 1;
    private static final int DNS = 2;
    private static final int URI = 6;

    private CertificateIdentities() {
    }

    static List<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        names.addAll(alternativeNames(certificate, EMAIL));
        names.addAll(alternativeNames(certificate, DNS));
        names.addAll(alternativeNames(certificate, URI));
        X500Principal subject = certificate.getSubjectX500Principal();
        names.add(subject.getName(X500Principal.RFC2253));
        names.add(subject.getName(X500Principal.RFC1779));
        return names;
    }

    private static List<String> alternativeNames(X509Certificate certificate, int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all == null) {
                return names;
            }
            for (List<?> entry : all) {
                if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == type && entry.get(1) instanceof String s) {
                    names.add(s);
                }
            }
        } catch (CertificateParsingException e) {
            // An unreadable extension names nobody.
        }
        return names;
    }
}
