package io.wirehub.server.stats;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a connection's TLS negotiated, as monitoring shows it: the transport's own view, copied so
 * that monitoring needs nothing of the transports.
 *
 * @param protocol         e.g. "TLSv1.3"
 * @param cipherSuite      e.g. "TLS_AES_128_GCM_SHA256"
 * @param peerCertificates the client's chain, leaf first; empty when it sent none
 */
public record TlsView(String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {
    public TlsView {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
