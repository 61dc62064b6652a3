package io.wirehub.server.listen;

import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.TlsConfig;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.ConnectionServices;
import io.wirehub.server.protocol.ServerInfo;
import io.wirehub.server.transport.TcpTransport;
import io.wirehub.server.transport.tls.ServerTlsContext;
import io.wirehub.server.transport.tls.TlsSetupException;
import io.wirehub.server.transport.tls.TlsTransport;
import java.util.function.Consumer;

/**
 * What the client port does with an accepted TCP connection: hands it to a new client as it is,
 * or, with TLS configured, wrapped in TLS in the order the config asks for, with an INFO that says
 * so. (The Unix socket has a listener of its own: TLS on the client port does not extend to it.)
 */
public final class ClientPort implements Consumer<TcpTransport> {
    private final ConnectionServices services;
    /** Null without TLS. Replaced by {@link #reloadTls} (SIGHUP); each accept reads it once. */
    private volatile ServerTlsContext tls;
    private final TlsTransport.Order order;
    private final ServerInfo info;

    /** @throws ConfigException when the TLS files are unusable, naming the file and the reason */
    public ClientPort(ServerConfig config, ConnectionServices services) {
        this.services = services;
        TlsConfig tlsConfig = config.tls();
        if (!tlsConfig.enabled()) {
            tls = null;
            order = null;
            info = services.info();
            return;
        }
        try {
            tls = ServerTlsContext.of(tlsConfig);
        } catch (TlsSetupException e) {
            throw new ConfigException(e.getMessage());
        }
        order = TlsTransport.orderFor(tls, config.allowNonTls());
        info = services.info().withTls(!config.allowNonTls(), tlsConfig.verifiesClients(), config.allowNonTls());
    }

    public boolean tlsEnabled() {
        return tls != null;
    }

    /** How TLS starts on this port, for the start-up log. */
    public String describeTls() {
        if (tls == null) {
            return "off";
        }
        String start = switch (order) {
            case INFO_FIRST -> "INFO first, then the handshake";
            case HANDSHAKE_FIRST -> "handshake first";
            case HANDSHAKE_FIRST_OR_INFO -> "handshake first, INFO first after "
                    + tls.config().handshakeFirstFallback().toMillis() + " ms of silence";
            case INFO_THEN_TLS_OR_PLAIN -> "optional (allow_non_tls)";
        };
        return start + (tls.config().verifiesClients() ? ", client certificates required" : "");
    }

    /**
     * Reads the certificate, key and CA files again (SIGHUP), as nats-server does on reload, so a
     * renewed certificate is served to new connections without a restart; connections already open
     * keep theirs. Only the files and what they hold change here: turning TLS on or off, or changing
     * how the handshake starts, takes a restart.
     *
     * @return false when the change needs a restart (nothing applied)
     * @throws ConfigException naming the file when the new files are unusable; the old ones stay
     */
    public boolean reloadTls(ServerConfig next) {
        ServerTlsContext current = tls;
        if (current == null || !next.tls().enabled()
                || TlsTransport.orderFor(current, next.allowNonTls()) != order
                || current.config().verifiesClients() != next.tls().verifiesClients()) {
            return false;
        }
        ServerTlsContext fresh;
        try {
            fresh = ServerTlsContext.of(next.tls());
        } catch (TlsSetupException e) {
            throw new ConfigException(e.getMessage());
        }
        if (TlsTransport.orderFor(fresh, next.allowNonTls()) != order) {
            return false;
        }
        tls = fresh;
        return true;
    }

    @Override
    public void accept(TcpTransport accepted) {
        // On the accept thread: a flood of unsettled connections waits in the backlog (HandshakeLoad).
        services.handshakes().awaitRoom();
        ServerTlsContext tls = this.tls;
        if (tls == null) {
            ClientConnection.accept(accepted, services, info);
            return;
        }
        TlsTransport secured = new TlsTransport(accepted, tls, order,
                tls.config().handshakeFirstFallback(), services.scheduler());
        ClientConnection.accept(secured, services, info);
    }
}
