package io.wirehub.server.lifecycle;

import io.wirehub.server.account.Account;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.connection.ClientConnection;
import io.wirehub.server.connection.ConnectionServices;
import io.wirehub.server.listen.Listener;
import io.wirehub.server.listen.RunningListeners;
import io.wirehub.server.monitor.ServerView;
import io.wirehub.server.stats.AccountFigures;
import io.wirehub.server.stats.BusiestSubjects.SubjectCount;
import io.wirehub.server.stats.ConnectionActivity;
import io.wirehub.server.stats.ConnectionSnapshot;
import io.wirehub.server.stats.DatagramStats;
import io.wirehub.server.stats.JetStreamStats;
import io.wirehub.server.stats.LatencyCounts;
import io.wirehub.server.stats.LeafConnectionSnapshot;
import io.wirehub.server.stats.ServerDescription;
import io.wirehub.server.stats.ServerTotals;
import io.wirehub.server.stats.SubjectIndexStats;
import io.wirehub.server.stats.SubscriptionSnapshot;
import io.wirehub.server.stats.TrafficTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the monitoring endpoints read of a running server: every answer is a copy taken now, in the
 * stats package's records, so monitoring holds nothing live.
 *
 * <p>Thread-safe: reads thread-safe parts only.
 */
public final class MonitoredServer implements ServerView {
    private final ServerConfig config;
    private final ServerDescription description;
    private final ConnectionServices services;
    private final RunningListeners listeners;
    private final ServerState state;
    private final DatagramStats datagrams;
    /** Null when JetStream is off. */
    private final JetStreamStats jetStream;
    /** The leaf connections that are up; set once when leaf nodes start (none before). */
    private volatile java.util.function.Supplier<List<LeafConnectionSnapshot>> leafConnections = List::of;
    /** JetStream's account copies (true: with streams and consumers); set once when JetStream starts. */
    private volatile java.util.function.Function<Boolean, List<io.wirehub.server.stats.JetStreamAccountDetail>>
            jetStreamAccounts = withStreams -> List.of();
    /** Leaf traffic figures; set once when leaf nodes start (none before). */
    private volatile java.util.function.Supplier<List<io.wirehub.server.stats.LeafLinkFigures>> leafFigures = List::of;

    public MonitoredServer(ServerConfig config, ServerDescription description, ConnectionServices services,
                           RunningListeners listeners, ServerState state, DatagramStats datagrams) {
        this(config, description, services, listeners, state, datagrams, null);
    }

    /** @param jetStream JetStream's figures; null when it is off */
    public MonitoredServer(ServerConfig config, ServerDescription description, ConnectionServices services,
                           RunningListeners listeners, ServerState state, DatagramStats datagrams,
                           JetStreamStats jetStream) {
        this.jetStream = jetStream;
        this.config = config;
        this.description = description;
        this.services = services;
        this.listeners = listeners;
        this.state = state;
        this.datagrams = datagrams;
    }

    /** Where /leafz and /varz read the leaf connections from. */
    public void leafConnections(java.util.function.Supplier<List<LeafConnectionSnapshot>> source) {
        leafConnections = source;
    }

    /** Where /metrics reads the leaf traffic figures from. */
    public void leafFigures(java.util.function.Supplier<List<io.wirehub.server.stats.LeafLinkFigures>> source) {
        leafFigures = source;
    }

    @Override
    public List<io.wirehub.server.stats.LeafLinkFigures> leafFigures() {
        return leafFigures.get();
    }

    @Override
    public List<LeafConnectionSnapshot> leafConnections() {
        return leafConnections.get();
    }

    /** Where /jsz, /metrics and the dashboard read JetStream's accounts, streams and consumers from. */
    public void jetStreamAccounts(
            java.util.function.Function<Boolean, List<io.wirehub.server.stats.JetStreamAccountDetail>> source) {
        jetStreamAccounts = source;
    }

    @Override
    public List<io.wirehub.server.stats.JetStreamAccountDetail> jetStreamAccounts(boolean withStreams) {
        return jetStreamAccounts.apply(withStreams);
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public ServerDescription description() {
        return description;
    }

    @Override
    public int clientPort() {
        return listeners.port(Listener.Kind.CLIENT);
    }

    @Override
    public Instant configLoadedAt() {
        return state.configLoadedAt();
    }

    @Override
    public boolean authRequired() {
        return services.security().get().authenticator().required();
    }

    @Override
    public ServerTotals totals() {
        return services.stats().snapshot();
    }

    @Override
    public int connectionCount() {
        return services.registry().size();
    }

    @Override
    public List<ConnectionSnapshot> openConnections() {
        List<ConnectionSnapshot> open = new ArrayList<>();
        for (ClientConnection connection : services.registry().connections()) {
            open.add(connection.snapshot());
        }
        return open;
    }

    @Override
    public List<ConnectionActivity> connectionActivity() {
        List<ConnectionActivity> open = new ArrayList<>();
        for (ClientConnection connection : services.registry().connections()) {
            open.add(connection.activity());
        }
        return open;
    }

    @Override
    public List<ConnectionSnapshot> closedConnections() {
        return services.observability().closed().list();
    }

    @Override
    public long pendingBytes() {
        long pending = 0;
        for (ClientConnection connection : services.registry().connections()) {
            pending += connection.pendingBytes();
        }
        return pending;
    }

    @Override
    public int subscriptionCount() {
        int count = 0;
        for (Account account : services.accounts().all()) {
            count += account.router().index().count();
        }
        return count;
    }

    @Override
    public SubjectIndexStats subscriptionStats(String accountOrNull) {
        SubjectIndexStats sum = SubjectIndexStats.EMPTY;
        for (Account account : chosen(accountOrNull)) {
            sum = sum.plus(account.router().index().stats());
        }
        return sum;
    }

    @Override
    public List<SubscriptionSnapshot> subscriptions(String accountOrNull) {
        List<SubscriptionSnapshot> all = new ArrayList<>();
        for (Account account : chosen(accountOrNull)) {
            account.router().index().forEach(s -> all.add(s.snapshot(account.name())));
        }
        return all;
    }

    private Collection<Account> chosen(String accountOrNull) {
        if (accountOrNull == null) {
            return services.accounts().all();
        }
        Account account = services.accounts().get(accountOrNull);
        return account == null ? List.of() : List.of(account);
    }

    @Override
    public boolean hasAccount(String name) {
        return services.accounts().get(name) != null;
    }

    @Override
    public List<AccountFigures> accounts() {
        Map<Account, TrafficTotals> traffic = new HashMap<>();
        for (ClientConnection connection : services.registry().connections()) {
            Account account = connection.account();
            if (account != null) {
                traffic.merge(account, connection.traffic(), TrafficTotals::plus);
            }
        }
        List<AccountFigures> figures = new ArrayList<>();
        for (Account account : services.accounts().all()) {
            figures.add(new AccountFigures(account.name(), account.isSystem(), account.connectionCount(),
                    account.router().index().stats(), traffic.getOrDefault(account, TrafficTotals.ZERO), 0));
        }
        return figures;
    }

    @Override
    public String systemAccount() {
        Account system = services.accounts().system();
        return system == null ? null : system.name();
    }

    @Override
    public LatencyCounts connectionSetupLatency() {
        return services.observability().metrics().connectionSetup();
    }

    @Override
    public LatencyCounts requestReplyLatency() {
        return services.observability().metrics().requestReply();
    }

    @Override
    public LatencyCounts roundTripLatency() {
        return services.observability().metrics().roundTrip();
    }

    @Override
    public Map<String, Long> closesByReason() {
        return services.observability().metrics().closesByReason();
    }

    @Override
    public List<SubjectCount> busiestSubjects(int count) {
        return services.observability().busiestSubjects().top(count);
    }

    @Override
    public Map<String, TrafficTotals> transportTotals() {
        Map<String, TrafficTotals> open = new HashMap<>();
        for (ClientConnection connection : services.registry().connections()) {
            open.merge(connection.transport().type(), connection.traffic(), TrafficTotals::plus);
        }
        return services.observability().transports().snapshot(open);
    }

    @Override
    public int webSocketPort() {
        return listeners.port(Listener.Kind.WEBSOCKET);
    }

    @Override
    public JetStreamStats jetStream() {
        return jetStream;
    }

    @Override
    public DatagramStats.Counts datagrams() {
        return config.udp().enabled() ? datagrams.snapshot() : null;
    }

    @Override
    public String unhealthyReason() {
        return state.unhealthyReason();
    }
}
