package io.wirehub.server.system;

import io.wirehub.server.account.Account;
import io.wirehub.server.monitor.MonitorDocuments;
import io.wirehub.server.stats.ConnectionEvents;
import io.wirehub.server.stats.ConnectionSnapshot;
import io.wirehub.server.util.NuidLike;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The account events of nats-server's events.go: {@code $SYS.ACCOUNT.<acc>.CONNECT} and
 * {@code .DISCONNECT} for each client of an account other than {@code $G}, and the account's
 * connection counts on {@code $SYS.ACCOUNT.<acc>.SERVER.CONNS} (and the older
 * {@code $SYS.SERVER.ACCOUNT.<acc>.CONNS}) after each change. Published into the system account,
 * when someone there listens.
 *
 * <p>The connection's thread only hands over its snapshot; the JSON is built and published on the
 * service thread.
 */
final class ClientEvents implements ConnectionEvents.Listener {
    static final String CONNECT_TYPE = "io.nats.server.advisory.v1.client_connect";
    static final String DISCONNECT_TYPE = "io.nats.server.advisory.v1.client_disconnect";
    static final String CONNS_TYPE = "io.nats.server.advisory.v1.account_connections";

    private final SystemService service;

    ClientEvents(SystemService service) {
        this.service = service;
    }

    @Override
    public void connected(ConnectionSnapshot client) {
        Account account = announced(client);
        if (account != null) {
            Instant now = Instant.now();
            service.run(() -> {
                publishIfHeard("$SYS.ACCOUNT." + account.name() + ".CONNECT",
                        () -> event(CONNECT_TYPE, now, client, false));
                conns(account);
            });
        }
    }

    @Override
    public void disconnected(ConnectionSnapshot client) {
        Account account = announced(client);
        if (account != null) {
            Instant now = client.stop() == null ? Instant.now() : client.stop();
            service.run(() -> {
                publishIfHeard("$SYS.ACCOUNT." + account.name() + ".DISCONNECT",
                        () -> event(DISCONNECT_TYPE, now, client, true));
                conns(account);
            });
        }
    }

    /** The client's account, or null for {@code $G} (nats-server ignores global account activity). */
    private Account announced(ConnectionSnapshot client) {
        if (client.account() == null) {
            return null;
        }
        Account account = service.accounts().get(client.account());
        return account == null || account == service.accounts().global() ? null : account;
    }

    /**
     * Builds and publishes the event only if someone in the system account listens: nats-server
     * always publishes, but an event nobody hears would only count in the server's totals.
     */
    private void publishIfHeard(String subject, Supplier<byte[]> message) {
        if (service.hasInterest(subject)) {
            service.publishLater(service.system(), subject, message.get());
        }
    }

    private void conns(Account account) {
        String old = "$SYS.SERVER.ACCOUNT." + account.name() + ".CONNS";
        String current = "$SYS.ACCOUNT." + account.name() + ".SERVER.CONNS";
        if (!service.hasInterest(old) && !service.hasInterest(current)) {
            return;
        }
        MonitorDocuments.AccountStatFields stat = service.documents().accountStat(account.name());
        if (stat != null) {
            byte[] message = connsMessage(service.identity(), stat);
            publishIfHeard(old, () -> message);
            publishIfHeard(current, () -> message);
        }
    }

    /** nats-server's AccountNumConns: the typed event, the server, then AccountStat's fields. */
    static byte[] connsMessage(ServerIdentity identity, MonitorDocuments.AccountStatFields stat) {
        return Json.bytes("{\"type\":\"" + CONNS_TYPE + "\",\"id\":\"" + NuidLike.next() + "\",\"timestamp\":\""
                + Instant.now() + "\",\"server\":" + identity.next() + "," + stat.members() + "}");
    }

    /** ConnectEventMsg or DisconnectEventMsg, in nats-server's field order. */
    private byte[] event(String type, Instant time, ConnectionSnapshot c, boolean disconnect) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("start", c.start().toString());
        putIfSet(client, "host", c.ip());
        client.put("id", c.cid());
        putIfSet(client, "acc", c.account());
        putIfSet(client, "user", c.authorizedUser());
        putIfSet(client, "name", c.name());
        putIfSet(client, "lang", c.lang());
        putIfSet(client, "ver", c.version());
        if (disconnect && c.rtt() != null && !c.rtt().isZero()) {
            client.put("rtt", c.rtt().toNanos());
        }
        if (disconnect) {
            client.put("stop", time.toString());
        }
        client.put("kind", "Client");
        client.put("client_type", "websocket".equals(c.type()) ? "websocket" : "nats");
        StringBuilder json = new StringBuilder(512);
        json.append("{\"type\":\"").append(type).append("\",\"id\":\"").append(NuidLike.next())
                .append("\",\"timestamp\":\"").append(time).append("\",\"server\":")
                .append(service.identity().next()).append(",\"client\":")
                .append(Json.text(MonitorDocuments.json(client)));
        if (disconnect) {
            // Sent is what the client published; received what it was delivered (nats-server's view).
            json.append(",\"sent\":{\"msgs\":").append(c.inMessages()).append(",\"bytes\":").append(c.inBytes())
                    .append("},\"received\":{\"msgs\":").append(c.outMessages()).append(",\"bytes\":")
                    .append(c.outBytes()).append("},\"reason\":").append(Json.quote(c.reason() == null ? "" : c.reason()));
        }
        return Json.bytes(json.append('}').toString());
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
