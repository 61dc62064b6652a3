package io.wirehub.server.jetstream;

import io.wirehub.server.config.AccountConfig;
import io.wirehub.server.config.JetStreamAccountLimits;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.jetstream.api.JsAccount;
import io.wirehub.server.jetstream.api.JsAccountUsage;
import io.wirehub.server.jetstream.api.JsApiDispatcher;
import io.wirehub.server.jetstream.api.JsStreams;
import io.wirehub.server.jetstream.api.JszDetails;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.routing.Router;
import io.wirehub.server.stats.JetStreamAccountDetail;
import io.wirehub.server.stats.JetStreamStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JetStream on a running server: its resources and figures, and the API service of every
 * account. Which accounts have JetStream follows nats-server: with no accounts configured the
 * global account, with every limit unlimited; otherwise those whose config enables it. Every other
 * account (except the system account) still has the API, which answers "not enabled for account".
 */
public final class JetStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStream.class);

    private final JetStreamStats stats;
    private final List<JetStreamApiService> services;
    private final List<StreamManager> managers;
    /** Applies max_age to every stream once a second (stores also expire on every append). */
    private final ScheduledExecutorService timer;

    private final ServerCapacity capacity;
    /** The accounts with JetStream enabled, each with its streams, in the order they were configured. */
    private final List<AccountStreams> enabled;

    /** An enabled account and its streams, for monitoring's copies. */
    private record AccountStreams(JsAccount account, JsStreams streams) {
    }

    private JetStream(JetStreamStats stats, List<JetStreamApiService> services, List<StreamManager> managers,
                      ServerCapacity capacity, List<AccountStreams> enabled) {
        this.stats = stats;
        this.enabled = List.copyOf(enabled);
        this.services = services;
        this.managers = managers;
        this.capacity = capacity;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("wirehub-js-expiry").factory());
        timer.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * How often the file streams are fsynced: sync_interval, or nats-server's default (2 minutes)
     * when it is not set (zero in the config). Not the zero itself: that fsynced every block every
     * millisecond, an fsync storm that cost more CPU than the writes.
     */
    static java.time.Duration syncEvery(JetStreamConfig config) {
        return config.syncInterval().isZero() || config.syncInterval().isNegative()
                ? JetStreamConfig.DEFAULT_SYNC_INTERVAL : config.syncInterval();
    }

    /** nats-server's sync_interval: fsync what file streams wrote since the last time. */
    private void sync() {
        for (StreamManager manager : managers) {
            manager.sync();
        }
    }

    private void expire() {
        for (StreamManager manager : managers) {
            manager.expire();
            manager.pollFeeds();
        }
        capacity.refresh();
    }

    /** One account as the server holds it: its config (null for the global account) and router. */
    public record AccountRoute(String name, boolean system, AccountConfig config, Router router) {
    }

    /**
     * Starts the API in every account.
     *
     * @throws IOException with nats-server's words when the store directory cannot be used
     * @param onlyGlobal      true when no accounts are configured
     * @param serverName      shown as the leader in STREAM.INFO
     * @param publisherFor    a new internal publisher for an account's router (one per service and stream)
     * @param clientRtt       client id to its measured round trip in nanoseconds (0 when unknown), for the
     *                        API audit advisory
     */
    public static JetStream start(JetStreamConfig config, List<AccountRoute> accounts, boolean onlyGlobal,
                                  String serverName, Function<Router, InternalPublisher> publisherFor,
                                  LongUnaryOperator clientRtt)
            throws IOException {
        JetStreamResources resources = JetStreamResources.of(config);
        try {
            resources.prepareStoreDir();
        } catch (IOException e) {
            throw new IOException("Can't start JetStream: " + e.getMessage(), e);
        }
        if (resources.temporaryStoreDir()) {
            LOG.warn("Temporary storage directory used, data could be lost on system reboot");
        }
        List<JsAccount> jsAccounts = new ArrayList<>();
        List<JsStreams> accountStreams = new ArrayList<>();
        List<StreamManager> managers = new ArrayList<>();
        ServerCapacity capacity = new ServerCapacity(resources.maxMemory(), resources.maxStore());
        for (AccountRoute route : accounts) {
            if (route.system()) {
                continue; // the system account never has JetStream
            }
            JetStreamAccountLimits limits = onlyGlobal ? JetStreamAccountLimits.UNLIMITED
                    : route.config() == null ? null : route.config().jetstream();
            if (limits == null) {
                jsAccounts.add(new JsAccount(route.name(), null, JsAccountUsage.NONE));
                accountStreams.add(JsStreams.NONE);
                continue;
            }
            StreamServices streamServices = new StreamServices(config.domain(), config.syncAlways(),
                    () -> publisherFor.apply(route.router()));
            StreamManager manager = new StreamManager(route.name(), resources.storeDir().resolve(route.name()),
                    limits, route.router(), streamServices, capacity);
            manager.recover();
            managers.add(manager);
            jsAccounts.add(new JsAccount(route.name(), limits, manager));
            accountStreams.add(manager);
        }
        int enabled = (int) jsAccounts.stream().filter(JsAccount::enabled).count();
        JetStreamStats stats = new JetStreamStats(new JetStreamStats.Settings(resources.maxMemory(),
                resources.maxStore(), resources.storeDir().toString(), config.syncInterval().toNanos(),
                config.syncAlways(), config.domain(), true, config.uniqueTag()), enabled);
        List<JetStreamApiService> services = new ArrayList<>();
        capacity.attach(stats);
        int i = 0;
        for (AccountRoute route : accounts) {
            if (route.system()) {
                continue;
            }
            JsStreams streams = accountStreams.get(i);
            JsAccount account = jsAccounts.get(i++);
            JsApiDispatcher dispatcher = new JsApiDispatcher(account, config.domain(),
                    config.limits().duplicateWindow().toNanos(), stats, streams, serverName,
                    config.limits().maxAckPending(), config.limits().maxRequestBatch());
            services.add(JetStreamApiService.start(route.router(), publisherFor.apply(route.router()), dispatcher,
                    config.domain(), config.requestQueueLimit(), route.name(), serverName, clientRtt));
        }
        LOG.info("Starting JetStream");
        LOG.info("  Max Memory:      {}", resources.maxMemory());
        LOG.info("  Max Storage:     {}", resources.maxStore());
        LOG.info("  Store Directory: \"{}\"", resources.storeDir());
        if (!config.domain().isEmpty()) {
            LOG.info("  Domain:          {}", config.domain());
        }
        LOG.info("JetStream API answering in {} account(s), enabled in {}", services.size(), enabled);
        capacity.refresh();
        List<AccountStreams> enabledAccounts = new ArrayList<>();
        for (int k = 0; k < jsAccounts.size(); k++) {
            if (jsAccounts.get(k).enabled()) {
                enabledAccounts.add(new AccountStreams(jsAccounts.get(k), accountStreams.get(k)));
            }
        }
        JetStream js = new JetStream(stats, services, managers, capacity, enabledAccounts);
        if (!config.syncAlways()) {
            long every = Math.max(1, syncEvery(config).toMillis());
            js.timer.scheduleWithFixedDelay(js::sync, every, every, TimeUnit.MILLISECONDS);
        }
        return js;
    }

    public JetStreamStats stats() {
        return stats;
    }

    /** Copies of every enabled account's figures, with streams and consumers when asked (/jsz, /metrics). */
    public List<JetStreamAccountDetail> details(boolean withStreams) {
        List<JetStreamAccountDetail> details = new ArrayList<>();
        for (AccountStreams a : enabled) {
            details.add(JszDetails.account(a.account(), a.streams(), withStreams));
        }
        return details;
    }

    @Override
    public void close() {
        services.forEach(JetStreamApiService::close);
        timer.shutdownNow();
        managers.forEach(StreamManager::close);
    }
}
