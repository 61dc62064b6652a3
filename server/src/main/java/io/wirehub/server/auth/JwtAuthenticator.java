package io.wirehub.server.auth;

import io.wirehub.server.config.PermissionsConfig;
import io.wirehub.server.protocol.ConnectOptions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator mode authentication (nats-server's processClientOrLeafAuthentication, JWT branch): the
 * client presents a user JWT and signs the INFO nonce with the user's nkey; the JWT must be issued
 * by its account (or one of the account's signing keys), the account by a trusted operator, neither
 * expired, the user not revoked. Bearer tokens skip the nonce signature unless the account forbids them.
 * Each refusal is logged at debug level with nats-server's words.
 */
final class JwtAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
    private final JwtAccounts accounts;
    private final Clock clock;

    JwtAuthenticator(JwtAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public boolean nonceRequired() {
        return true;
    }

    @Override
    public boolean operatorMode() {
        return true;
    }

    @Override
    public AuthenticatedUser anonymousUser() {
        return null;
    }

    @Override
    public AuthenticatedUser authenticate(ConnectOptions options, String nonce, X509Certificate clientCertificate) {
        if (options.jwt() == null || options.jwt().isEmpty()) {
            LOG.debug("Authentication requires a user JWT");
            return null;
        }
        UserClaims user;
        try {
            user = UserClaims.decode(options.jwt());
        } catch (Jwt.InvalidJwtException e) {
            LOG.debug("User JWT not valid: {}", e.getMessage());
            return null;
        }
        long now = clock.instant().getEpochSecond();
        if (user.jwt().expiredAt(now) || user.jwt().notYetValidAt(now)) {
            LOG.debug("User JWT no longer valid: {}", user.jwt().expiredAt(now) ? "claim is expired"
                    : "claim is not yet valid");
            return null;
        }
        String issuerAccount = user.issuerAccount().isEmpty() ? user.jwt().issuer() : user.issuerAccount();
        AccountClaims account = accounts.get(issuerAccount);
        if (account == null) {
            LOG.debug("Account JWT lookup error: no matching account {}", issuerAccount);
            return null;
        }
        if (!accounts.operators().issued(account)) {
            LOG.debug("Account JWT not signed by trusted operator");
            return null;
        }
        if (!account.mayIssueUsers(user.jwt().issuer())) {
            LOG.debug("User JWT issuer is not known");
            return null;
        }
        if (account.jwt().expiredAt(now)) {
            LOG.debug("Account JWT has expired");
            return null;
        }
        if (user.bearer() && account.disallowBearer()) {
            LOG.debug("Account does not allow bearer tokens");
            return null;
        }
        if (!user.bearer()) {
            if (options.sig() == null || options.sig().isEmpty()) {
                LOG.debug("Signature missing");
                return null;
            }
            if (!NkeySignature.verify(user.jwt().subject(), nonce, options.sig())) {
                LOG.debug("Signature not verified");
                return null;
            }
        }
        if (account.revoked(user.jwt().subject(), user.jwt().issuedAt())) {
            LOG.debug("User authentication revoked");
            return null;
        }
        accounts.markInUse(account.publicKey());
        return new AuthenticatedUser(user.jwt().subject(), new Permissions(permissions(user, account)), null,
                account.publicKey(), user.jwt());
    }

    /**
     * A scoped signing key's template replaces the user's own permissions; a user without
     * permissions of its own gets the account's default_permissions.
     */
    private static PermissionsConfig permissions(UserClaims user, AccountClaims account) {
        PermissionsConfig scope = account.signingKeys().get(user.jwt().issuer());
        if (scope != null) {
            return scope;
        }
        if (user.permissions() == null) {
            return account.defaultPermissions() != null ? account.defaultPermissions() : PermissionsConfig.ALL;
        }
        return user.permissions();
    }

    @Override
    public String describe() {
        return "operator mode (" + accounts.operators().operators().size() + " trusted operator(s), "
                + accounts.all().size() + " account JWT(s))";
    }
}
