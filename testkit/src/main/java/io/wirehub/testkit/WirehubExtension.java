package io.wirehub.testkit;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

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
 *
 * <p>{@code @WirehubTest(jetstream = true)}, or {@link #withJetStream()}, gives a server with
 * JetStream, its store in a temporary directory deleted when the server is closed.
 */
public final class WirehubExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WirehubExtension.class);

    private final java.util.function.UnaryOperator<ServerConfig.Builder> customizer;
    /** JetStream on, in a temporary store; also when the class's {@link WirehubTest} asks for it. */
    private final boolean jetstream;
    /**
     * The server of the class that registered this instance in a field, for {@link #server()};
     * tests given it as a parameter get it from JUnit's store instead. Written by beforeAll, read
     * by the tests of that class (JUnit orders the two).
     */
    private volatile Wirehub fieldServer;

    /** The default server (what {@link WirehubTest} uses). */
    public WirehubExtension() {
        this(builder -> builder, false);
    }

    private WirehubExtension(java.util.function.UnaryOperator<ServerConfig.Builder> customizer, boolean jetstream) {
        this.customizer = customizer;
        this.jetstream = jetstream;
    }

    /** A server with settings changed from the defaults; host and port stay loopback and free. */
    public static WirehubExtension with(java.util.function.UnaryOperator<ServerConfig.Builder> customizer) {
        return new WirehubExtension(customizer, false);
    }

    /** A server with JetStream, its store in a temporary directory deleted with the server. */
    public static WirehubExtension withJetStream() {
        return new WirehubExtension(builder -> builder, true);
    }

    /** This extension's settings, with JetStream on, its store in a temporary directory. */
    public WirehubExtension andJetStream() {
        return new WirehubExtension(customizer, true);
    }

    /** The running server (for tests that hold the extension in a field). */
    public Wirehub server() {
        Wirehub server = fieldServer;
        if (server == null) {
            throw new IllegalStateException("the Wirehub server is started before the test class's tests run");
        }
        return server;
    }

    /**
     * Starts the class's server, unless an enclosing class already has one: {@code @Nested}
     * classes share their outer class's server. The server lives in JUnit's store of the class's
     * context, which closes it when the class is done, so classes run in parallel each have
     * their own and nothing is shared through this object.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        Wirehub inherited = context.getParent().map(WirehubExtension::find).orElse(null);
        if (inherited != null) {
            fieldServer = inherited;
            return;
        }
        ServerConfig.Builder builder = customizer.apply(ServerConfig.builder()).host("127.0.0.1").port(0);
        boolean withJetStream = jetstream || context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, WirehubTest.class))
                .map(WirehubTest::jetstream).orElse(false);
        RunningServer running;
        Path store = null;
        try {
            if (withJetStream) {
                store = Files.createTempDirectory("wirehub-test-js-");
                builder.jetstream(builder.jetstream().withEnabled(true).withStoreDir(store));
            }
            running = new RunningServer(Wirehub.start(builder.build()), store);
        } catch (IOException e) {
            deleteTree(store);
            throw new UncheckedIOException("starting Wirehub for " + context.getDisplayName(), e);
        }
        context.getStore(NAMESPACE).put(RunningServer.class, running);
        fieldServer = running.server();
    }

    /** The server in this context's store or an enclosing one's (the store looks up the parents). */
    private static Wirehub find(ExtensionContext context) {
        RunningServer running = context.getStore(NAMESPACE).get(RunningServer.class, RunningServer.class);
        return running == null ? null : running.server();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Wirehub.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        Wirehub server = find(context);
        if (server == null) {
            throw new ParameterResolutionException("no Wirehub server was started for " + context.getDisplayName()
                    + " (the extension starts it before the class's tests)");
        }
        return server;
    }

    /** Closed by JUnit with the class's context; its JetStream store (or null) deleted after it. */
    private record RunningServer(Wirehub server, Path store) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
            deleteTree(store);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the test JetStream store " + root, e);
        }
    }
}
