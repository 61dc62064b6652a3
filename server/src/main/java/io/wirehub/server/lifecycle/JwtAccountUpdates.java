package io.wirehub.server.lifecycle;

import io.wirehub.server.account.Account;
import io.wirehub.server.account.Accounts;
import io.wirehub.server.auth.AccountClaims;
import io.wirehub.server.auth.SecurityPolicy;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.ConnectionRegistry;
import io.wirehub.server.connection.JwtAccountRecheck;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an accepted account JWT to the running server at once (operator mode): a new account is
 * added, a known one takes the new limits, and each of its connections is checked against the new
 * claims (revoked users closed, permissions renewed). Changed exports and imports are logged: they
 * take a restart.
 */
public final class JwtAccountUpdates implements Consumer<AccountClaims> {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAccountUpdates.class);
    private final Accounts accounts;
    private final ConnectionRegistry registry;
    private final Supplier<SecurityPolicy> policy;

    public JwtAccountUpdates(Accounts accounts, ConnectionRegistry registry, Supplier<SecurityPolicy> policy) {
        this.accounts = accounts;
        this.registry = registry;
        this.policy = policy;
    }

    @Override
    public void accept(AccountClaims claims) {
        Account account = accounts.get(claims.publicKey());
        if (account == null) {
            accounts.add(claims.config());
            LOG.info("Account [{}] added from its JWT", claims.publicKey());
            return;
        }
        account.updateLimits(claims.config().limits());
        if (claims.config().imports().size() != account.streamImportCount() + account.serviceImportCount()) {
            LOG.warn("Account [{}]: changed imports take effect after a restart", claims.publicKey());
        }
        SecurityPolicy current = policy.get();
        for (ClientConnection connection : registry.connections()) {
            JwtAccountRecheck.apply(connection, claims, current);
        }
        LOG.info("Account [{}] updated from its JWT", claims.publicKey());
    }
}
