package io.wirehub.server.monitor;

import io.wirehub.server.monitor.AccountDocuments.AccountStat;
import io.wirehub.server.monitor.AccountDocuments.DataStats;
import io.wirehub.server.stats.AccountFigures;
import io.wirehub.server.stats.ServerTotals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitoring documents for answers given other than over HTTP (the system account's
 * {@code $SYS.REQ} requests): the same builders as the HTTP endpoints, so both give the same
 * document, rendered as compact JSON.
 *
 * <p>Options come as a map under the HTTP query's names ({@code subs}, {@code acc}, ...). A bad
 * option throws {@link IllegalArgumentException} with the text the HTTP endpoint answers 400 with.
 *
 * <p>Thread-safe: holds only the view.
 */
public final class MonitorDocuments {
    private final ServerView server;

    public MonitorDocuments(ServerView server) {
        this.server = server;
    }

    public ServerView server() {
        return server;
    }

    public byte[] varz(Instant now) {
        return JsonBody.compact(VarzBuilder.build(server, server.config().monitoring().enabled()
                ? Math.max(server.config().monitoring().port(), 0) : 0, Map.of(), now));
    }

    public byte[] connz(Map<String, String> options, Instant now) {
        return JsonBody.compact(new ConnzQuery(new QueryParams(options)).answer(server, now));
    }

    public byte[] subsz(Map<String, String> options, Instant now) {
        return JsonBody.compact(new SubszQuery(new QueryParams(options)).answer(server, now));
    }

    /** nats-server's HealthStatus: {"status":"ok"} or unavailable with the reason. */
    public byte[] healthz() {
        String reason = server.unhealthyReason();
        return reason == null ? JsonBody.compact(Map.of("status", "ok"))
                : JsonBody.compact(ordered(reason));
    }

    private static Map<String, String> ordered(String reason) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("status", "unavailable");
        map.put("error", reason);
        return map;
    }

    /** @param account empty for the list of account names */
    public byte[] accountz(String account, Instant now) {
        return JsonBody.compact(AccountDocuments.accountz(server, account, now));
    }

    /** One account's AccountInfo (the ACCOUNT.&lt;acc&gt;.INFO request). */
    public byte[] accountInfo(String account) {
        return JsonBody.compact(AccountDocuments.info(server, account));
    }

    /** @return null when no account is listed and {@code unused} is false (nats-server then stays silent) */
    public byte[] accountStatz(List<String> accounts, boolean unused, Instant now) {
        AccountDocuments.AccountStatz statz = AccountDocuments.statz(server, accounts, unused, now);
        return statz.accounts().isEmpty() && !unused ? null : JsonBody.compact(statz);
    }

    /** One account's AccountStat fields (SERVER.CONNS), or null for an unknown account. */
    public AccountStatFields accountStat(String account) {
        for (AccountFigures a : server.accounts()) {
            if (a.name().equals(account)) {
                return new AccountStatFields(AccountStat.of(a));
            }
        }
        return null;
    }

    /** An AccountStat to render inside another document. */
    public static final class AccountStatFields {
        private final AccountStat stat;

        AccountStatFields(AccountStat stat) {
            this.stat = stat;
        }

        /** The fields as a JSON object's members, without braces, to splice into an event. */
        public String members() {
            String json = new String(JsonBody.compact(stat), StandardCharsets.UTF_8);
            return json.substring(1, json.length() - 1);
        }

        public int connections() {
            return stat.conns();
        }
    }

    /** The server's statistics: what STATSZ carries under "statsz". */
    public byte[] statsz() {
        ServerTotals totals = server.totals();
        int active = 0;
        for (AccountFigures a : server.accounts()) {
            if (a.connections() > 0) {
                active++;
            }
        }
        return JsonBody.compact(new Statsz(server.description().startedAt().toString(), ProcessFigures.residentBytes(),
                Runtime.getRuntime().availableProcessors(), ProcessFigures.cpuPercent(), server.connectionCount(),
                totals.totalConnections(), active, server.subscriptionCount(),
                new DataStats(totals.outMessages(), totals.outBytes()),
                new DataStats(totals.inMessages(), totals.inBytes()), totals.slowConsumers(),
                1));
    }

    /** Any value as compact JSON, with Go's float layout. */
    public static byte[] json(Object value) {
        return JsonBody.compact(value);
    }
}
