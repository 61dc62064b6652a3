package io.wirehub.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.config.PermissionsConfig;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a user JWT grants its connections (nats-io/jwt's UserPermissionLimits): permissions,
 * limits, bearer use and connection types. A scoped signing key's template is one too, and
 * replaces the user's own when that key issued the user, as in nats-server.
 *
 * @param permissions            its own permissions, or null when it sets none (the account's
 *                               default_permissions then apply)
 * @param limits                 where from, when and how much
 * @param bearer                 {@code bearer_token}: no nonce signature needed
 * @param allowedConnectionTypes {@code allowed_connection_types}; empty for any
 */
public record UserGrant(PermissionsConfig permissions, UserLimits limits, boolean bearer,
                        List<String> allowedConnectionTypes) {
    /** The connection types nats-server 2.10 knows; others in a list are ignored. */
    private static final Set<String> KNOWN_TYPES = Set.of("STANDARD", "WEBSOCKET", "LEAFNODE", "LEAFNODE_WS",
            "MQTT", "MQTT_WS");

    static UserGrant of(JsonNode node) {
        return new UserGrant(JwtPermissions.isEmpty(node) ? null : JwtPermissions.of(node), UserLimits.of(node),
                node.path("bearer_token").asBoolean(false),
                List.copyOf(JwtPermissions.strings(node.path("allowed_connection_types"))));
    }

    /**
     * Whether a client of this type may connect (nats-server's convertAllowedConnectionTypes and
     * connectionTypeAllowed): an empty list allows all; unknown names are ignored, but a list of
     * only unknown names allows none, since its author meant to restrict.
     *
     * @param type {@code STANDARD}, {@code WEBSOCKET}, ...
     */
    public boolean allowsConnectionType(String type) {
        if (allowedConnectionTypes.isEmpty()) {
            return true;
        }
        for (String allowed : allowedConnectionTypes) {
            String upper = allowed.toUpperCase(Locale.ROOT);
            if (KNOWN_TYPES.contains(upper) && upper.equals(type)) {
                return true;
            }
        }
        return false;
    }
}
