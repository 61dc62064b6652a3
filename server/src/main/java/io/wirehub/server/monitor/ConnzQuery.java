package io.wirehub.server.monitor;

import io.wirehub.server.stats.ConnectionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * /connz's options and their effect, as nats-server has them (PROTOCOL.md §13): sort, subs,
 * auth, offset, limit, cid, state and user.
 */
final class ConnzQuery {
    static final int DEFAULT_LIMIT = 1024;

    private static final Map<String, Comparator<ConnectionSnapshot>> SORTS = Map.ofEntries(
            Map.entry("cid", Comparator.comparingLong(ConnectionSnapshot::cid)),
            Map.entry("start", Comparator.comparing(ConnectionSnapshot::start)),
            Map.entry("subs", Comparator.comparingInt(ConnectionSnapshot::subscriptionCount).reversed()),
            Map.entry("pending", Comparator.comparingLong(ConnectionSnapshot::pendingBytes).reversed()),
            Map.entry("msgs_to", Comparator.comparingLong(ConnectionSnapshot::outMessages).reversed()),
            Map.entry("msgs_from", Comparator.comparingLong(ConnectionSnapshot::inMessages).reversed()),
            Map.entry("bytes_to", Comparator.comparingLong(ConnectionSnapshot::outBytes).reversed()),
            Map.entry("bytes_from", Comparator.comparingLong(ConnectionSnapshot::inBytes).reversed()),
            Map.entry("last", Comparator.comparing(ConnectionSnapshot::lastActivity).reversed()),
            Map.entry("idle", Comparator.comparing(ConnectionSnapshot::lastActivity)),
            Map.entry("uptime", Comparator.comparing(ConnectionSnapshot::start)),
            Map.entry("stop", Comparator.comparing(ConnectionSnapshot::stop).reversed()),
            Map.entry("reason", Comparator.comparing(ConnectionSnapshot::reason)),
            Map.entry("rtt", Comparator.comparing(ConnectionSnapshot::rtt).reversed()));

    private enum State { OPEN, CLOSED, ALL }

    private final String sort;
    private final boolean subs;
    private final boolean subsDetail;
    private final boolean auth;
    private final int offset;
    private final int limit;
    private final long cid;
    private final State state;
    private final String user;
    private final String account;

    ConnzQuery(QueryParams params) {
        sort = params.get("sort").isEmpty() ? "cid" : params.get("sort");
        auth = params.bool("auth");
        subsDetail = params.lower("subs").equals("detail");
        subs = !subsDetail && params.bool("subs");
        offset = Math.max(0, params.integer("offset"));
        cid = params.unsigned("cid");
        int requested = params.integer("limit");
        limit = cid > 0 ? 1 : requested <= 0 ? DEFAULT_LIMIT : requested;
        state = switch (params.lower("state")) {
            case "", "open" -> State.OPEN;
            case "closed" -> State.CLOSED;
            case "any", "all" -> State.ALL;
            default -> throw new BadRequest("Error decoding state for " + params.get("state"));
        };
        user = params.get("user");
        account = params.get("acc");
        if (!SORTS.containsKey(sort)) {
            throw new BadRequest("invalid sorting option: " + sort);
        }
        if ((sort.equals("stop") || sort.equals("reason")) && state != State.CLOSED) {
            throw new BadRequest("sort by " + sort + " only valid on closed connections");
        }
    }

    Connz answer(ServerView server, Instant now) {
        if (!account.isEmpty() && !server.hasAccount(account)) {
            // nats-server answers an unknown account with an empty page and no server id.
            return new Connz("", now.toString(), 0, 0, offset, limit, List.of());
        }
        List<ConnectionSnapshot> chosen = new ArrayList<>();
        if (state != State.CLOSED) {
            chosen.addAll(server.openConnections());
        }
        if (state != State.OPEN) {
            chosen.addAll(server.closedConnections());
        }
        chosen.removeIf(c -> (cid > 0 && c.cid() != cid) || (!user.isEmpty() && !user.equals(c.authorizedUser()))
                || (!account.isEmpty() && !account.equals(c.account())));
        chosen.sort(SORTS.get(sort));
        int total = chosen.size();
        List<ConnInfo> page = new ArrayList<>();
        for (int i = offset; i < Math.min(total, offset + limit); i++) {
            page.add(info(chosen.get(i), now));
        }
        return new Connz(server.description().serverId(), now.toString(), page.size(), total, offset, limit, page);
    }

    private ConnInfo info(ConnectionSnapshot c, Instant now) {
        Instant end = c.stop() != null ? c.stop() : now;
        List<String> subjects = subs ? c.subscriptions().stream().map(s -> s.subject()).toList() : List.of();
        List<SubDetail> details = subsDetail ? c.subscriptions().stream().map(SubDetail::of).toList() : List.of();
        return new ConnInfo(c.cid(), "Client", c.type(), c.ip(), c.port(), c.start().toString(),
                c.lastActivity().toString(), c.stop() == null ? null : c.stop().toString(), c.reason(),
                c.rtt().isZero() ? "" : GoFormat.rtt(c.rtt()), GoFormat.uptime(Duration.between(c.start(), end)),
                GoFormat.uptime(Duration.between(c.lastActivity(), end)), c.pendingBytes(), c.inMessages(),
                c.outMessages(), c.inBytes(), c.outBytes(), c.subscriptionCount(), c.name(), c.lang(), c.version(),
                c.tls() == null ? "" : c.tls().protocol().replace("TLSv", ""),
                c.tls() == null ? "" : c.tls().cipherSuite(), PeerCertificate.of(c.tls()),
                c.peer() == null ? null : c.peer().toString(), auth ? c.authorizedUser() : "",
                !auth || c.account() == null || c.account().equals(SubDetail.GLOBAL_ACCOUNT) ? "" : c.account(), subjects,
                details);
    }
}
