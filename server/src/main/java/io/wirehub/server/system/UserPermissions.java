package io.wirehub.server.system;

import io.wirehub.server.config.PermissionsConfig;
import io.wirehub.server.config.PermissionsConfig.SubjectRules;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's permissions as USER.INFO shows them (nats-server's Permissions: publish and subscribe
 * each with allow and deny, left out when empty, and responses when allowed).
 */
final class UserPermissions {
    private UserPermissions() {
    }

    static Map<String, Object> of(PermissionsConfig config) {
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("publish", rules(config.publish()));
        permissions.put("subscribe", rules(config.subscribe()));
        if (config.responses() != null) {
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("max", config.responses().maxMessages());
            responses.put("ttl", config.responses().expires().toNanos());
            permissions.put("responses", responses);
        }
        return permissions;
    }

    private static Map<String, Object> rules(SubjectRules rules) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (rules.allow() != null && !rules.allow().isEmpty()) {
            map.put("allow", rules.allow());
        }
        if (!rules.deny().isEmpty()) {
            map.put("deny", rules.deny());
        }
        return map;
    }
}
