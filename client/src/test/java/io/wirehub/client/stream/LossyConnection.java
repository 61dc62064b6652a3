package io.wirehub.client.stream;

import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/** A real connection that silently drops every n-th data chunk it is asked to publish: a lossy path. */
final class LossyConnection {
    private final Connection real;
    private final int every;
    private final AtomicLong dataMessages = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();

    LossyConnection(Connection real, int every) {
        this.real = real;
        this.every = every;
    }

    Connection proxy() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("publish") && args != null && args.length == 3
                            && args[1] instanceof Headers headers
                            && StreamProtocol.KIND_DATA.equals(headers.getFirst(StreamProtocol.HEADER_KIND))
                            && dataMessages.incrementAndGet() % every == 0) {
                        dropped.incrementAndGet();
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
