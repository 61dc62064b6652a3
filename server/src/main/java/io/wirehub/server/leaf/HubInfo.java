package io.wirehub.server.leaf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.config.PermissionsConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INFO this server sends a spoke as its hub, in nats-server's field order (server.go Info):
 * the first one, and after CONNECT the one with {@code connect_info}, the bound account and the
 * leaf user's permissions as the spoke sees them ({@code import}: what it may subscribe to,
 * {@code export}: what it may publish; client.go setPermissions). Immutable.
 *
 * @param tlsRequired whether the leafnode port runs TLS after this INFO
 * @param tlsVerify   whether it asks for the spoke's certificate
 */
record HubInfo(String serverId, String serverName, String version, int maxPayload, String leafUrl,
               boolean tlsRequired, boolean tlsVerify) {
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] first(long clientId, String nonce) throws JsonProcessingException {
        return line(fields(clientId, nonce, false));
    }

    byte[] connectInfo(long clientId, String nonce, String account, PermissionsConfig permissions)
            throws JsonProcessingException {
        Map<String, Object> info = fields(clientId, nonce, true);
        if (permissions != null) {
            putRules(info, "import", permissions.subscribe());
            putRules(info, "export", permissions.publish());
        }
        info.put("info_on_connect", true);
        info.put("connect_info", true);
        info.put("leafnode_urls", List.of(leafUrl));
        info.put("remote_account", account);
        return line(info);
    }

    private Map<String, Object> fields(long clientId, String nonce, boolean connectInfo) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("server_id", serverId);
        info.put("server_name", serverName);
        info.put("version", version);
        info.put("proto", 1);
        info.put("headers", true);
        info.put("auth_required", true);
        if (tlsRequired) {
            info.put("tls_required", true);
        }
        if (tlsVerify) {
            info.put("tls_verify", true);
        }
        info.put("max_payload", maxPayload);
        info.put("client_id", clientId);
        if (nonce != null) {
            info.put("nonce", nonce);
        }
        if (!connectInfo) {
            info.put("info_on_connect", true);
            info.put("leafnode_urls", List.of(leafUrl));
        }
        return info;
    }

    /** A SubjectPermission with omitempty fields; absent when the user has no rule that way. */
    private static void putRules(Map<String, Object> info, String field, PermissionsConfig.SubjectRules rules) {
        if (rules == null || (rules.allow() == null && rules.deny().isEmpty())) {
            return;
        }
        Map<String, Object> permission = new LinkedHashMap<>();
        if (rules.allow() != null && !rules.allow().isEmpty()) {
            permission.put("allow", rules.allow());
        }
        if (!rules.deny().isEmpty()) {
            permission.put("deny", rules.deny());
        }
        info.put(field, permission);
    }

    private static byte[] line(Map<String, Object> info) throws JsonProcessingException {
        // Go's encoder writes <, > and & inside strings as \\u escapes (a subject "in.>" as "in.\\u003e");
        // none of them is JSON syntax, so replacing them everywhere is safe. INFO ends with a space.
        String json = JSON.writeValueAsString(info).replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026");
        return ("INFO " + json + " \r\n").getBytes(StandardCharsets.UTF_8);
    }
}
