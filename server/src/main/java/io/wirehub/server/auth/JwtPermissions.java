package io.wirehub.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirehub.server.config.PermissionsConfig;
import io.wirehub.server.config.PermissionsConfig.Responses;
import io.wirehub.server.config.PermissionsConfig.SubjectRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The permissions part of user claims, a scoped signing key's template, or an account's
 * {@code default_permissions}: {@code pub} and {@code sub} allow/deny lists and {@code resp}, as
 * nats-io/jwt writes them. An empty allow list allows everything, as in nats-server.
 */
final class JwtPermissions {
    private JwtPermissions() {
    }

    /** Whether the node sets any permission at all (nats-server's Permissions.Empty check). */
    static boolean isEmpty(JsonNode node) {
        return strings(node.path("pub").path("allow")).isEmpty() && strings(node.path("pub").path("deny")).isEmpty()
                && strings(node.path("sub").path("allow")).isEmpty() && strings(node.path("sub").path("deny")).isEmpty()
                && !node.path("resp").isObject();
    }

    static PermissionsConfig of(JsonNode node) {
        Responses responses = null;
        JsonNode resp = node.path("resp");
        if (resp.isObject()) {
            int max = resp.path("max").asInt(0);
            long ttlNanos = resp.path("ttl").asLong(0);
            responses = new Responses(max == 0 ? Responses.DEFAULT.maxMessages() : max,
                    ttlNanos == 0 ? Responses.DEFAULT.expires() : Duration.ofNanos(ttlNanos));
        }
        return new PermissionsConfig(rules(node.path("pub")), rules(node.path("sub")), responses);
    }

    private static SubjectRules rules(JsonNode node) {
        List<String> allow = strings(node.path("allow"));
        return new SubjectRules(allow.isEmpty() ? null : allow, strings(node.path("deny")));
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual() && !node.asText().isEmpty()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
