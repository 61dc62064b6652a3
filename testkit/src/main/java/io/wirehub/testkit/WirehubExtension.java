package io.wirehub.testkit;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a JUnit 5 test class a running Wirehub server on 127.0.0.1 and a free port, started once
 * before the class's tests and closed after them. Tests receive it as a {@link Wirehub} parameter.
 *
 * <pre>{@code
 * @WirehubTest
 * class MyTest {
 *     @Test
 *     void publishes(Wirehub server) throws Exception {
 *         try (Connection nc = Nats.connect(server.clientUrl())) { ... }
 *     }
 * }
 * }</pre>
 *
 * For settings other than the defaults, register it as a field instead:
 * {@code @RegisterExtension static WirehubExtension server = WirehubExtension.with(b -> b.maxPayload(1024));}
 */
public final class WirehubExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final java.util.function.UnaryOperator<ServerConfig.Builder> customizer;
    private Wirehub server;

    /** The default server (what {@link WirehubTest} uses). */
    public WirehubExtension() {
        this(builder -> builder);
    }

    private WirehubExtension(java.util.function.UnaryOperator<ServerConfig.Builder> customizer) {
        this.customizer = customizer;
    }

    /** A server with settings changed from the defaults; host and port stay loopback and free. */
    public static WirehubExtension with(java.util.function.UnaryOperator<ServerConfig.Builder> customizer) {
        return new WirehubExtension(customizer);
    }

    /** The running server (for tests that hold the extension in a field). */
    public Wirehub server() {
        if (server == null) {
            throw new IllegalStateException("the Wirehub server is started before the test class's tests run");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerConfig config = customizer.apply(ServerConfig.builder()).host("127.0.0.1").port(0).build();
        try {
            server = Wirehub.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException("starting Wirehub for " + context.getDisplayName(), e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Wirehub.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return server();
    }
}
