package io.wirehub.server.leaf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CONNECT a spoke sends (nats-server leafConnectInfo, every field omitempty): never
 * {@code lang} (a hub would answer "attempted to connect to leaf node port") and never
 * {@code compress_mode} (so the hub treats the link as uncompressed, as with a 2.9 spoke).
 */
final class ConnectMessage {
    /** The version claimed: a hub only compares it with its leafnodes.min_version. */
    static final String CLAIMED_VERSION = "2.10.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectMessage() {
    }

    /**
     * {@code CONNECT {...}\r\n}, with the remote's credentials or nkey (signing the hub's
     * {@code nonce}) and the URL's user and password.
     */
    static byte[] line(LeafLinkSettings settings, URI url, String nonce) throws IOException {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("version", CLAIMED_VERSION);
        RemoteCredentials.addTo(connect, settings.remote(), nonce);
        String userInfo = url.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            connect.put("user", user);
            if (colon >= 0) {
                connect.put("pass", decode(userInfo.substring(colon + 1)));
            } else {
                connect.put("auth_token", user); // nats-server 2.10.26: a lone user is also a token
            }
        }
        connect.put("server_id", settings.serverId());
        connect.put("name", settings.serverName());
        // A standalone nats-server with remotes sends its server name as its cluster name.
        connect.put("cluster", settings.serverName());
        connect.put("headers", true);
        connect.put("remote_account", settings.remote().account());
        if (!settings.remote().denyImports().isEmpty()) {
            connect.put("deny_pub", settings.remote().denyImports());
        }
        return ("CONNECT " + JSON.writeValueAsString(connect) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
