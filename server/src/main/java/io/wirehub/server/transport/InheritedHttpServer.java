package io.wirehub.server.transport;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;

/**
 * The JDK's HTTP or HTTPS server (com.sun.net.httpserver, which serves monitoring) on a listening
 * socket bound before the JVM started.
 *
 * <p>Why reflection: {@link HttpServer} (and {@link HttpsServer}) only binds a socket of its own; it has no way to take one.
 * So an unbound server is created and its listening channel swapped for the inherited one: the
 * placeholder's selection key is cancelled and the placeholder closed, the inherited channel is
 * registered with the server's selector, and the server marked bound — what its own constructor
 * does for a socket it binds. This reaches into {@code sun.net.httpserver.ServerImpl}'s fields
 * ({@code schan}, {@code listenerKey}, {@code selector}, {@code bound}) and needs
 * {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED}, which the launcher passes.
 * When any of it fails the inherited socket is closed and the caller binds as usual.
 */
public final class InheritedHttpServer {
    private InheritedHttpServer() {
    }

    /**
     * An HTTP server, not yet started, that will accept on {@code channel}.
     *
     * @throws IOException when this JDK's server cannot be given a channel; {@code channel} is then
     *         closed (the caller binds its port as usual)
     */
    public static HttpServer on(ServerSocketChannel channel) throws IOException {
        return adopt(HttpServer.create(), channel);
    }

    /**
     * An HTTPS server, not yet started and without its configurator yet, that will accept on
     * {@code channel}. The JDK's {@code HttpsServerImpl} wraps the same {@code ServerImpl} in a
     * field of the same name, so the swap is the one {@link #on} makes.
     *
     * @throws IOException as {@link #on}; {@code channel} is then closed
     */
    public static HttpsServer httpsOn(ServerSocketChannel channel) throws IOException {
        return adopt(HttpsServer.create(), channel);
    }

    private static <T extends HttpServer> T adopt(T http, ServerSocketChannel channel) throws IOException {
        try {
            Object impl = field(http.getClass(), "server").get(http);
            Class<?> type = impl.getClass();
            Field schan = field(type, "schan");
            Field listenerKey = field(type, "listenerKey");
            Selector selector = (Selector) field(type, "selector").get(impl);
            Field bound = field(type, "bound");
            ServerSocketChannel placeholder = (ServerSocketChannel) schan.get(impl);
            ((SelectionKey) listenerKey.get(impl)).cancel();
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_ACCEPT);
            schan.set(impl, channel);
            listenerKey.set(impl, key);
            bound.setBoolean(impl, true);
            placeholder.close();
            return http;
        } catch (ReflectiveOperationException | RuntimeException e) {
            http.stop(0);
            channel.close();
            throw new IOException("the JDK's HTTP server cannot take an inherited socket here: " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
