package io.wirehub.server.transport;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS connection negotiated, for /connz and for mapping a client certificate to a user.
 *
 * @param protocol         e.g. "TLSv1.3"
 * @param cipherSuite      e.g. "TLS_AES_128_GCM_SHA256"
 * @param peerCertificates the client's chain, leaf first; empty when it sent none
 */
public record TlsDetails(String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {
    public TlsDetails {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
