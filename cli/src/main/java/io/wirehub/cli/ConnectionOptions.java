package io.wirehub.cli;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Options;
import io.wirehub.client.unix.UnixSockets;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The connection flags every client verb takes, named as the nats CLI names them, with the same
 * environment variables as defaults: {@code -s/--server} ({@code NATS_URL}), {@code --user}
 * ({@code NATS_USER}), {@code --password} ({@code NATS_PASSWORD}), {@code --token}
 * ({@code NATS_TOKEN}), {@code --timeout}, and TLS: {@code --tlsca}, {@code --tlscert},
 * {@code --tlskey}, {@code --tlsfirst}.
 */
public final class ConnectionOptions {
    static final String DEFAULT_URL = "nats://127.0.0.1:4222";

    @Option(names = {"-s", "--server"}, paramLabel = "URL", defaultValue = "${env:NATS_URL:-" + DEFAULT_URL + "}",
            description = "Server URL(s), comma separated, or unix:///path for a Unix socket (env NATS_URL;"
                    + " default ${DEFAULT-VALUE}).")
    private String server;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:NATS_USER}",
            description = "User name (env NATS_USER).")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:NATS_PASSWORD}",
            description = "Password (env NATS_PASSWORD).")
    private String password;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:NATS_TOKEN}",
            description = "Token (env NATS_TOKEN).")
    private String token;

    @Option(names = "--tlscert", paramLabel = "FILE", description = "Client certificate for mutual TLS (PEM).")
    private Path tlsCert;

    @Option(names = "--tlskey", paramLabel = "FILE", description = "Client key for mutual TLS (PEM).")
    private Path tlsKey;

    @Option(names = "--tlsca", paramLabel = "FILE", description = "CA certificates to trust (PEM); default: the JVM's.")
    private Path tlsCa;

    @Option(names = "--tlsfirst", description = "Start TLS before the server's INFO (servers with handshake_first).")
    private boolean tlsFirst;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = GoDurationConverter.class,
            description = "Time allowed to connect and for each operation (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    public String server() {
        return server;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * jnats options for one attempt: no reconnecting (a command reports a failure rather than
     * retrying for minutes) and no stack traces from jnats's own error logging.
     */
    public Options.Builder jnats(String connectionName) {
        Options.Builder builder = new Options.Builder().connectionName(connectionName)
                .connectionTimeout(timeout).noReconnect().errorListener(QUIET);
        if (UnixSockets.isUnixUrl(server)) {
            UnixSockets.configure(builder, server);
        } else {
            builder.server(server);
        }
        if (user != null || password != null) {
            builder.userInfo(user == null ? "" : user, password == null ? "" : password);
        }
        if (token != null) {
            builder.token(token.toCharArray());
        }
        if (tlsCa != null || tlsCert != null || tlsKey != null || tlsFirst) {
            builder.sslContext(ClientTls.context(tlsCa, tlsCert, tlsKey));
        }
        if (tlsFirst) {
            builder.tlsFirst();
        }
        return builder;
    }

    /** Errors reach the command as exceptions; jnats need not print them too. */
    private static final ErrorListener QUIET = new ErrorListener() {
        @Override
        public void errorOccurred(Connection conn, String error) {
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
        }

        @Override
        public void slowConsumerDetected(Connection conn, Consumer consumer) {
        }
    };
}
