package io.wirehub.server.auth;

import java.util.Collection;
import java.util.Map;
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

    public Collection<AccountClaims> all() {
        return byKey.values();
    }
}
