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
 * ({@code NATS_TOKEN}), {@code --creds} ({@code NATS_CREDS}), {@code --nkey} ({@code NATS_NKEY}),
 * {@code --context} ({@code NATS_CONTEXT}), {@code --connection-name}, {@code --timeout}, and TLS:
 * {@code --tlsca} ({@code NATS_CA}), {@code --tlscert} ({@code NATS_CERT}), {@code --tlskey}
 * ({@code NATS_KEY}), {@code --tlsfirst}.
 *
 * <p>As in natscli, a context ({@link NatsContext}: the one named, else the selected one) gives
 * the settings that no flag or environment variable gave.
 */
public final class ConnectionOptions {
    static final String DEFAULT_URL = "nats://127.0.0.1:4222";
    /** Where tests point the nats configuration directory instead of the user's. */
    static final String CONFIG_DIRECTORY_PROPERTY = "wirehub.nats.config";

    @Option(names = {"-s", "--server"}, paramLabel = "URL", defaultValue = "${env:NATS_URL}",
            description = "Server URL(s), comma separated, or unix:///path for a Unix socket (env NATS_URL;"
                    + " default: the context's, else " + DEFAULT_URL + ").")
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

    @Option(names = "--creds", paramLabel = "FILE", defaultValue = "${env:NATS_CREDS}",
            description = "User credentials file: a JWT and its nkey seed (env NATS_CREDS).")
    private Path creds;

    @Option(names = "--nkey", paramLabel = "FILE", defaultValue = "${env:NATS_NKEY}",
            description = "User nkey seed file (env NATS_NKEY).")
    private Path nkey;

    @Option(names = "--context", paramLabel = "NAME", defaultValue = "${env:NATS_CONTEXT}",
            description = "natscli context to use, by name or as a path to its .json file (env NATS_CONTEXT;"
                    + " default: the selected one, if any).")
    private String context;

    @Option(names = "--no-context", description = "Use no context, not even the selected one.")
    private boolean noContext;

    @Option(names = "--connection-name", paramLabel = "NAME",
            description = "Name the connection (seen in the server's /connz); default: the command.")
    private String connectionName;

    @Option(names = "--tlscert", paramLabel = "FILE", defaultValue = "${env:NATS_CERT}",
            description = "Client certificate for mutual TLS (PEM; env NATS_CERT).")
    private Path tlsCert;

    @Option(names = "--tlskey", paramLabel = "FILE", defaultValue = "${env:NATS_KEY}",
            description = "Client key for mutual TLS (PEM; env NATS_KEY).")
    private Path tlsKey;

    @Option(names = "--tlsca", paramLabel = "FILE", defaultValue = "${env:NATS_CA}",
            description = "CA certificates to trust (PEM; env NATS_CA); default: the JVM's.")
    private Path tlsCa;

    @Option(names = "--tlsfirst", description = "Start TLS before the server's INFO (servers with handshake_first).")
    private boolean tlsFirst;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = GoDurationConverter.class,
            description = "Time allowed to connect and for each operation (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    /** Read once, on first use. */
    private NatsContext loadedContext;
    private boolean contextLoaded;

    /** The server URL(s): the flag's or NATS_URL, else the context's, else the default. */
    public String server() {
        if (server != null && !server.isBlank()) {
            return server;
        }
        NatsContext ctx = context();
        return ctx != null && ctx.url() != null ? ctx.url() : DEFAULT_URL;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The prefix of this connection's inboxes, ending in a dot: the context's, else {@code _INBOX.}. */
    String inboxPrefix() {
        NatsContext ctx = context();
        String prefix = ctx != null && ctx.inboxPrefix() != null ? ctx.inboxPrefix() : "_INBOX";
        return prefix.endsWith(".") ? prefix : prefix + ".";
    }

    /** The context in force, or null; a missing or malformed one is reported in one line. */
    NatsContext context() {
        if (!contextLoaded) {
            contextLoaded = true;
            if (!noContext) {
                String home = System.getProperty("user.home");
                String override = System.getProperty(CONFIG_DIRECTORY_PROPERTY);
                Path directory = override != null ? Path.of(override)
                        : NatsContext.configDirectory(System.getenv(), home);
                try {
                    loadedContext = NatsContext.resolve(context, directory, home);
                } catch (IllegalArgumentException e) {
                    throw new UserFacingException(e.getMessage(), e);
                }
            }
        }
        return loadedContext;
    }

    private static <T> T first(T flag, T fromContext) {
        return flag != null ? flag : fromContext;
    }

    /**
     * jnats options for one attempt: no reconnecting (a command reports a failure rather than
     * retrying for minutes) and no stack traces from jnats's own error logging.
     *
     * @param commandName the connection's name unless {@code --connection-name} gives one
     */
    public Options.Builder jnats(String commandName) {
        NatsContext ctx = context();
        String url = server();
        Options.Builder builder = new Options.Builder()
                .connectionName(connectionName != null ? connectionName : commandName)
                .connectionTimeout(timeout).noReconnect().errorListener(QUIET);
        if (UnixSockets.isUnixUrl(url)) {
            UnixSockets.configure(builder, url);
        } else {
            builder.server(url);
        }
        // Flags (and their environment variables) first; the context fills in only what they left out.
        String userName = first(user, ctx == null ? null : ctx.user());
        String pass = first(password, ctx == null ? null : ctx.password());
        if (userName != null || pass != null) {
            builder.userInfo(userName == null ? "" : userName, pass == null ? "" : pass);
        }
        String tokenValue = first(token, ctx == null ? null : ctx.token());
        if (tokenValue != null) {
            builder.token(tokenValue.toCharArray());
        }
        Path credsFile = first(creds, ctx == null ? null : ctx.creds());
        Path nkeyFile = first(nkey, ctx == null ? null : ctx.nkey());
        try {
            if (credsFile != null) {
                builder.authHandler(CredentialFiles.creds(credsFile));
            } else if (nkeyFile != null) {
                builder.authHandler(CredentialFiles.nkey(nkeyFile, ctx == null ? null : ctx.userJwt()));
            }
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        if (ctx != null && ctx.inboxPrefix() != null) {
            builder.inboxPrefix(ctx.inboxPrefix());
        }
        Path ca = first(tlsCa, ctx == null ? null : ctx.ca());
        Path cert = first(tlsCert, ctx == null ? null : ctx.cert());
        Path key = first(tlsKey, ctx == null ? null : ctx.key());
        boolean handshakeFirst = tlsFirst || (ctx != null && ctx.tlsFirst());
        if (ca != null || cert != null || key != null || handshakeFirst) {
            builder.sslContext(ClientTls.context(ca, cert, key));
        }
        if (handshakeFirst) {
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
