package io.wirehub.server.leaf;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.auth.AuthenticatedUser;
import io.wirehub.server.auth.Authenticator;
import io.wirehub.server.auth.NkeySignature;
import io.wirehub.server.auth.Permissions;
import io.wirehub.server.auth.Secrets;
import io.wirehub.server.config.LeafNodesConfig;
import io.wirehub.server.protocol.ConnectOptions;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

/**
 * Decides whether a spoke's CONNECT may join, and to which account, in nats-server's order
 * (auth.go isLeafNodeAuthorized): the leafnode block's single user, else its nkey, else its
 * {@code users} list; a block with none of these authenticates the spoke as an ordinary client
 * (users, nkeys, tokens, no_auth_user), whose permissions then limit the link. Immutable.
 */
final class SpokeAuthorization {
    /**
     * Who a spoke joined as: its account and, for a client user, that user's permissions and its
     * JWT's subscription limit (-1 for none).
     */
    record Admitted(String user, String account, Permissions permissions, long maxSubscriptions) {
        Admitted(String user, String account, Permissions permissions) {
            this(user, account, permissions, -1);
        }
    }

    private final LeafNodesConfig leaf;
    /** The client port's authenticator now (a reload may replace it). */
    private final Supplier<Authenticator> clients;

    SpokeAuthorization(LeafNodesConfig leaf, Supplier<Authenticator> clients) {
        this.leaf = leaf;
        this.clients = clients;
    }

    /** @return who the spoke is, or null when its credentials are refused */
    Admitted admit(JsonNode connect, String nonce, X509Certificate certificate) {
        String user = text(connect, "user");
        String pass = text(connect, "pass");
        if (leaf.user() != null) {
            return leaf.user().equals(user) && leaf.password() != null && pass != null
                    && Secrets.matches(leaf.password(), pass) ? new Admitted(user, leaf.account(), Permissions.ALL) : null;
        }
        if (leaf.nkey() != null) {
            String nkey = text(connect, "nkey");
            return leaf.nkey().equals(nkey) && NkeySignature.verify(nkey, nonce, text(connect, "sig"))
                    ? new Admitted(nkey, leaf.account(), Permissions.ALL) : null;
        }
        if (!leaf.users().isEmpty()) {
            for (LeafNodesConfig.LeafUser candidate : leaf.users()) {
                if (candidate.user() != null && candidate.user().equals(user)) {
                    return candidate.password() != null && pass != null && Secrets.matches(candidate.password(), pass)
                            ? new Admitted(user, candidate.account(), Permissions.ALL) : null;
                }
            }
            return null;
        }
        return asClient(connect, nonce, certificate);
    }

    private Admitted asClient(JsonNode connect, String nonce, X509Certificate certificate) {
        Authenticator authenticator = clients.get();
        if (!authenticator.required()) {
            return new Admitted("", leaf.account(), Permissions.ALL);
        }
        ConnectOptions options = new ConnectOptions(false, false, false, text(connect, "auth_token"),
                text(connect, "user"), text(connect, "pass"), text(connect, "name"), "", text(connect, "version"), 1,
                true, text(connect, "sig"), text(connect, "jwt"), text(connect, "nkey"), true, false, false);
        boolean noCredentials = options.user() == null && options.authToken() == null && options.nkey() == null
                && options.jwt() == null;
        AuthenticatedUser user = noCredentials && authenticator.anonymousUser() != null
                ? authenticator.anonymousUser()
                : authenticator.authenticate(options, nonce, certificate);
        return user == null ? null
                : new Admitted(user.name(), user.account(), user.permissions(), user.limits().subs());
    }

    private static String text(JsonNode connect, String field) {
        JsonNode value = connect.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
