package io.wirehub.server.it.websocket;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.MonitoringConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.WebSocketConfig;
import java.io.IOException;
import java.util.function.UnaryOperator;

/** Wirehub with a plain WebSocket listener on a free port, for the WebSocket tests. */
final class WebSocketServers {
    private WebSocketServers() {
    }

    static Wirehub start() throws IOException {
        return start(ws -> ws, b -> b);
    }

    static Wirehub start(UnaryOperator<WebSocketConfig> websocket, UnaryOperator<ServerConfig.Builder> rest)
            throws IOException {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0)
                .monitoring(new MonitoringConfig("127.0.0.1", -1))
                .websocket(websocket.apply(WebSocketConfig.plain("127.0.0.1", -1)));
        return Wirehub.start(rest.apply(builder).build());
    }
}
