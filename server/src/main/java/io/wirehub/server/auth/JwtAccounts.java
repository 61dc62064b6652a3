package io.wirehub.server.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account JWTs a server in operator mode knows, by account public key: those its resolver
 * loaded (preloads, the directory) and those claims updates stored since. Every JWT here was
 * issued by a trusted operator.
 *
 * <p>Thread-safe: a concurrent map; each entry is immutable and replaced whole on an update.
 */
public final class JwtAccounts {
    private final TrustedOperators operators;
    private final Map<String, AccountClaims> byKey = new ConcurrentHashMap<>();
    /**
     * Accounts nats-server would have registered by now: the system account, each account a user
     * authenticated into, and the exporters its imports name. MEMORY and cache resolvers skip
     * updates of the others, as nats-server does (it has not loaded them yet).
     */
    private final Set<String> inUse = ConcurrentHashMap.newKeySet();

    public JwtAccounts(TrustedOperators operators) {
        this.operators = operators;
    }

    public TrustedOperators operators() {
        return operators;
    }

    /** The account's current claims, or null when the resolver has none. */
    public AccountClaims get(String accountKey) {
        return byKey.get(accountKey);
    }

    /** Stores (or replaces) an account; the caller checked {@link TrustedOperators#issued}. */
    public void put(AccountClaims claims) {
        byKey.put(claims.publicKey(), claims);
    }

    /** Marks an account (and, as nats-server loads them with it, the exporters it imports from) in use. */
    public void markInUse(String accountKey) {
        if (!inUse.add(accountKey)) {
            return;
        }
        AccountClaims claims = byKey.get(accountKey);
        if (claims != null) {
            claims.config().imports().forEach(i -> markInUse(i.account()));
        }
    }

    public boolean inUse(String accountKey) {
        return inUse.contains(accountKey);
    }

    public Collection<AccountClaims> all() {
        return byKey.values();
    }
}
