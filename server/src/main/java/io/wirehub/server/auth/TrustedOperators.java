package io.wirehub.server.auth;

import java.util.List;

/** The operators a server trusts: an account JWT is valid only if one of them (or its signing key) issued it. */
public record TrustedOperators(List<OperatorClaims> operators) {
    public TrustedOperators {
        operators = List.copyOf(operators);
    }

    /** Whether a trusted operator's identity or signing key issued this account JWT. */
    public boolean issued(AccountClaims account) {
        String issuer = account.jwt().issuer();
        return operators.stream().anyMatch(o -> o.trusts(issuer));
    }

    /** The first operator's system account, or "". */
    public String systemAccount() {
        return operators.stream().map(OperatorClaims::systemAccount).filter(s -> !s.isEmpty()).findFirst().orElse("");
    }
}
