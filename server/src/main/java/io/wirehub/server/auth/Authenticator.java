package io.wirehub.server.auth;

import io.wirehub.server.protocol.ConnectOptions;
import java.security.cert.X509Certificate;

/** Decides who a CONNECT is. Implementations are immutable and shared by all connections. */
public interface Authenticator {

    /** Whether clients must authenticate (INFO auth_required, CONNECT first). */
    boolean required();

    /** Whether INFO carries a nonce to sign (nkey users exist). */
    boolean nonceRequired();

    /**
     * The user clients become when they send no credentials ({@code no_auth_user}), or null when
     * such clients are refused.
     */
    AuthenticatedUser anonymousUser();

    /**
     * @param nonce             the nonce sent in this connection's INFO, or null
     * @param clientCertificate the client's verified TLS certificate, or null
     * @return the user, or null when the credentials are refused
     */
    AuthenticatedUser authenticate(ConnectOptions options, String nonce, X509Certificate clientCertificate);

    /**
     * Operator (JWT) mode: refusals are logged without naming the credentials, as nats-server does
     * with trusted keys.
     */
    default boolean operatorMode() {
        return false;
    }

    /** The mode, for the start-up log. */
    String describe();
}
