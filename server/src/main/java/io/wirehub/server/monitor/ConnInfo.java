package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wirehub.server.stats.TlsView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.List;

/** One connection in /connz, under nats-server's field names; empty fields are left out as there. */
record ConnInfo(
        @JsonProperty("cid") long cid,
        @JsonProperty("kind") String kind,
        @JsonProperty("type") String type,
        @JsonProperty("ip") String ip,
        @JsonProperty("port") int port,
        @JsonProperty("start") String start,
        @JsonProperty("last_activity") String lastActivity,
        @JsonProperty("stop") @JsonInclude(Include.NON_NULL) String stop,
        @JsonProperty("reason") @JsonInclude(Include.NON_EMPTY) String reason,
        @JsonProperty("rtt") @JsonInclude(Include.NON_EMPTY) String rtt,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("idle") String idle,
        @JsonProperty("pending_bytes") long pendingBytes,
        @JsonProperty("in_msgs") long inMessages,
        @JsonProperty("out_msgs") long outMessages,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("name") @JsonInclude(Include.NON_EMPTY) String name,
        @JsonProperty("lang") @JsonInclude(Include.NON_EMPTY) String lang,
        @JsonProperty("version") @JsonInclude(Include.NON_EMPTY) String version,
        @JsonProperty("tls_version") @JsonInclude(Include.NON_EMPTY) String tlsVersion,
        @JsonProperty("tls_cipher_suite") @JsonInclude(Include.NON_EMPTY) String tlsCipherSuite,
        @JsonProperty("tls_peer_certs") @JsonInclude(Include.NON_EMPTY) List<PeerCertificate> tlsPeerCertificates,
        @JsonProperty("unix_peer") @JsonInclude(Include.NON_NULL) String unixPeer,
        @JsonProperty("authorized_user") @JsonInclude(Include.NON_EMPTY) String authorizedUser,
        @JsonProperty("account") @JsonInclude(Include.NON_EMPTY) String account,
        @JsonProperty("subscriptions_list") @JsonInclude(Include.NON_EMPTY) List<String> subscriptionsList,
        @JsonProperty("subscriptions_list_detail") @JsonInclude(Include.NON_EMPTY) List<SubDetail> subscriptionsDetail) {
}

/** A client certificate as /connz shows it (nats-server's TLSPeerCert). */
record PeerCertificate(
        @JsonProperty("subject") String subject,
        @JsonProperty("subject_pk_sha256") String subjectPublicKeySha256,
        @JsonProperty("cert_sha256") String certificateSha256) {

    static List<PeerCertificate> of(TlsView tls) {
        if (tls == null) {
            return List.of();
        }
        return tls.peerCertificates().stream().map(c -> {
            try {
                return new PeerCertificate(c.getSubjectX500Principal().getName(),
                        sha256(c.getPublicKey().getEncoded()), sha256(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                return new PeerCertificate(c.getSubjectX500Principal().getName(), "", "");
            }
        }).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
