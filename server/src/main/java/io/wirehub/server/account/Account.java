package io.wirehub.server.account;

import io.wirehub.server.config.AccountLimitsConfig;
import io.wirehub.server.routing.Router;
import io.wirehub.server.routing.SubjectIndex;
import io.wirehub.server.routing.Subscription;
import io.wirehub.server.subject.SubjectMappings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One account: a subject namespace of its own (its own index and router), the streams and services
 * it imports from other accounts, the routes back for requests others send it, and its limits.
 * Clients of different accounts never see each other's messages except through imports.
 *
 * <p>Thread-safe: the imports are set once while the server is wired, before any client connects;
 * the rest is final or atomic.
 */
public final class Account {
    /** Accounts a message may cross through imports before it is dropped (a guard against loops). */
    static final int MAX_HOPS = 8;

    private final String name;
    private final Router router = new Router(new SubjectIndex(true));
    /** Replaced whole when an account JWT update changes the limits (operator mode). */
    private volatile AccountLimitsConfig limits;
    private final SubjectMappings mappings;
    private final boolean system;
    private final ResponseRoutes responses = new ResponseRoutes(this);
    private final AtomicInteger connections = new AtomicInteger();
    /** Set once during wiring. */
    private volatile List<StreamImport> streamImports = List.of();
    /** Set once during wiring. */
    private volatile List<ServiceImport> serviceImports = List.of();

    Account(String name, AccountLimitsConfig limits, SubjectMappings mappings, boolean system) {
        this.name = name;
        this.limits = limits;
        this.mappings = mappings;
        this.system = system;
    }

    public String name() {
        return name;
    }

    public Router router() {
        return router;
    }

    public AccountLimitsConfig limits() {
        return limits;
    }

    /**
     * New limits from an account JWT update (operator mode): they apply to what happens next, a
     * new connection, subscription or publish.
     */
    public void updateLimits(AccountLimitsConfig newLimits) {
        limits = newLimits;
    }

    /** Where messages published in this account go instead (mappings {}); empty for most accounts. */
    public SubjectMappings mappings() {
        return mappings;
    }

    /** Whether this is the system account ({@code $SYS} or {@code system_account}). */
    public boolean isSystem() {
        return system;
    }

    ResponseRoutes responses() {
        return responses;
    }

    void imports(List<StreamImport> streams, List<ServiceImport> services) {
        streamImports = List.copyOf(streams);
        serviceImports = List.copyOf(services);
    }

    List<ServiceImport> serviceImportsForStart() {
        return serviceImports;
    }

    public int streamImportCount() {
        return streamImports.size();
    }

    public int serviceImportCount() {
        return serviceImports.size();
    }

    // ---- connections ----------------------------------------------------------------------------

    /**
     * Counts a client in, unless the account's {@code max_connections} is reached.
     *
     * @return false when the account is full (nothing counted then)
     */
    public boolean tryConnect() {
        int max = limits.maxConnections();
        while (true) {
            int now = connections.get();
            if (max >= 0 && now >= max) {
                return false;
            }
            if (connections.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void disconnected() {
        connections.decrementAndGet();
    }

    public int connectionCount() {
        return connections.get();
    }

    // ---- stream imports: shadow subscriptions -----------------------------------------------------

    /**
     * Subscribes a client's new subscription to what this account imports: one shadow subscription
     * in each exporter whose import the subscription covers. Call {@link #removeShadows} with the
     * result when the subscription goes.
     */
    public List<Subscription> addShadows(Subscription local) {
        List<StreamImport> imports = streamImports;
        if (imports.isEmpty()) {
            return List.of();
        }
        List<Subscription> shadows = new ArrayList<>(1);
        for (StreamImport imported : imports) {
            String subject = imported.shadowSubject(local.subject());
            if (subject == null) {
                continue;
            }
            Subscription shadow = new Subscription(new ShadowSink(local, imported), subject, local.queue(),
                    local.sidBytes());
            if (imported.exporter().router().subscribe(shadow)) {
                shadows.add(shadow);
            }
        }
        return shadows;
    }

    /** Takes shadow subscriptions (from {@link #addShadows}) out of their exporters. */
    public static void removeShadows(List<Subscription> shadows) {
        for (Subscription shadow : shadows) {
            ShadowSink sink = (ShadowSink) shadow.sink();
            sink.exporterRouter().unsubscribe(shadow);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
