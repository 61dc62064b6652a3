package io.wirehub.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wirehub.server.config.AccountConfig;
import io.wirehub.server.config.AccountsConfig;
import io.wirehub.server.stats.AccountFigures;
import io.wirehub.server.stats.SubjectIndexStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * /accountz and /accstatz (and the system account's ACCOUNTZ, INFO and STATZ requests) under
 * nats-server's field names and order (monitor.go's Accountz, AccountInfo, AccountStatz).
 */
final class AccountDocuments {
    private AccountDocuments() {
    }

    /** nats-server's Accountz: the names, or one account's detail. */
    record Accountz(
            @JsonProperty("server_id") String serverId,
            @JsonProperty("now") String now,
            @JsonProperty("system_account") @JsonInclude(Include.NON_EMPTY) String systemAccount,
            @JsonProperty("accounts") @JsonInclude(Include.NON_NULL) List<String> accounts,
            @JsonProperty("account_detail") @JsonInclude(Include.NON_NULL) AccountInfo detail) {
    }

    /** nats-server's AccountInfo; mappings, exports and imports are left out when empty, as Go does. */
    record AccountInfo(
            @JsonProperty("account_name") String name,
            @JsonProperty("update_time") String updateTime,
            @JsonProperty("is_system") @JsonInclude(Include.NON_DEFAULT) boolean system,
            @JsonProperty("expired") boolean expired,
            @JsonProperty("complete") boolean complete,
            @JsonProperty("jetstream_enabled") boolean jetStream,
            @JsonProperty("leafnode_connections") int leafNodes,
            @JsonProperty("client_connections") int clients,
            @JsonProperty("subscriptions") int subscriptions,
            @JsonProperty("mappings") @JsonInclude(Include.NON_EMPTY) Map<String, List<MapDest>> mappings,
            @JsonProperty("exports") @JsonInclude(Include.NON_EMPTY) List<ExtExport> exports,
            @JsonProperty("imports") @JsonInclude(Include.NON_EMPTY) List<ExtImport> imports,
            @JsonProperty("sublist_stats") SublistStats sublistStats) {
    }

    /** nats-server's MapDest. */
    record MapDest(@JsonProperty("subject") String subject, @JsonProperty("weight") int weight,
                   @JsonProperty("cluster") @JsonInclude(Include.NON_EMPTY) String cluster) {
    }

    /** nats-server's ExtExport: jwt.Export's fields, then the accounts approved. */
    record ExtExport(
            @JsonProperty("subject") String subject,
            @JsonProperty("type") String type,
            @JsonProperty("response_type") @JsonInclude(Include.NON_NULL) String responseType,
            @JsonProperty("approved_accounts") @JsonInclude(Include.NON_EMPTY) List<String> approvedAccounts) {
    }

    /** nats-server's ExtImport: jwt.Import's fields, then invalid, share and tracking. */
    record ExtImport(
            @JsonProperty("subject") String subject,
            @JsonProperty("account") String account,
            @JsonProperty("to") @JsonInclude(Include.NON_EMPTY) String to,
            @JsonProperty("local_subject") @JsonInclude(Include.NON_EMPTY) String localSubject,
            @JsonProperty("type") String type,
            @JsonProperty("invalid") boolean invalid,
            @JsonProperty("share") boolean share,
            @JsonProperty("tracking") boolean tracking) {
    }

    /** nats-server's SublistStats, as /accountz nests it. */
    record SublistStats(
            @JsonProperty("num_subscriptions") int numSubscriptions,
            @JsonProperty("num_cache") int numCache,
            @JsonProperty("num_inserts") long numInserts,
            @JsonProperty("num_removes") long numRemoves,
            @JsonProperty("num_matches") long numMatches,
            @JsonProperty("cache_hit_rate") double cacheHitRate,
            @JsonProperty("max_fanout") int maxFanout,
            @JsonProperty("avg_fanout") double avgFanout) {
        static SublistStats of(SubjectIndexStats s) {
            return new SublistStats(s.subscriptions(), s.cachedSubjects(), s.inserts(), s.removes(), s.matches(),
                    s.cacheHitRate(), s.maxFanOut(), s.averageFanOut());
        }
    }

    /** nats-server's AccountStatz. */
    record AccountStatz(
            @JsonProperty("server_id") String serverId,
            @JsonProperty("now") String now,
            @JsonProperty("account_statz") List<AccountStat> accounts) {
    }

    /** nats-server's AccountStat (also the body of the SERVER.CONNS event). */
    record AccountStat(
            @JsonProperty("acc") String account,
            @JsonProperty("conns") int conns,
            @JsonProperty("leafnodes") int leafNodes,
            @JsonProperty("total_conns") int totalConns,
            @JsonProperty("num_subscriptions") int numSubscriptions,
            @JsonProperty("sent") DataStats sent,
            @JsonProperty("received") DataStats received,
            @JsonProperty("slow_consumers") long slowConsumers) {
        /** Sent is what the account's clients were delivered; received what they published. */
        static AccountStat of(AccountFigures a) {
            return new AccountStat(a.name(), a.connections(), 0, a.connections(), a.index().subscriptions(),
                    new DataStats(a.traffic().outMessages(), a.traffic().outBytes()),
                    new DataStats(a.traffic().inMessages(), a.traffic().inBytes()), a.slowConsumers());
        }
    }

    /** nats-server's DataStats. */
    record DataStats(@JsonProperty("msgs") long msgs, @JsonProperty("bytes") long bytes) {
    }

    /**
     * @param account empty for the list of names
     * @throws BadRequest "Account X does not exist", nats-server's words
     */
    static Accountz accountz(ServerView server, String account, Instant now) {
        String system = server.systemAccount();
        List<AccountFigures> all = server.accounts();
        if (account.isEmpty()) {
            List<String> names = new ArrayList<>();
            all.forEach(a -> names.add(a.name()));
            return new Accountz(server.description().serverId(), now.toString(), system, names, null);
        }
        return new Accountz(server.description().serverId(), now.toString(), system, null, info(server, account));
    }

    static AccountInfo info(ServerView server, String account) {
        for (AccountFigures a : server.accounts()) {
            if (a.name().equals(account)) {
                AccountsConfig config = server.config().accounts();
                AccountConfig configured = config.find(a.name()).orElse(null);
                return new AccountInfo(a.name(), server.description().startedAt().toString(), a.system(), false,
                        true, false, 0, a.connections(), a.index().subscriptions(),
                        AccountLinks.mappings(a.name().equals(AccountConfig.GLOBAL) ? config.globalMappings()
                                : configured == null ? List.of() : configured.mappings()),
                        AccountLinks.exports(configured, a.system()),
                        AccountLinks.imports(configured, a.name(), server.systemAccount()),
                        SublistStats.of(a.index()));
            }
        }
        throw new BadRequest("Account " + account + " does not exist");
    }

    /**
     * @param accounts the accounts asked for; empty for all
     * @param unused   whether accounts without connections are listed too
     */
    static AccountStatz statz(ServerView server, List<String> accounts, boolean unused, Instant now) {
        List<AccountStat> stats = new ArrayList<>();
        List<AccountFigures> all = server.accounts();
        if (accounts.isEmpty()) {
            for (AccountFigures a : all) {
                if (unused || a.connections() != 0) {
                    stats.add(AccountStat.of(a));
                }
            }
        } else {
            for (String name : accounts) {
                for (AccountFigures a : all) {
                    if (a.name().equals(name) && (unused || a.connections() != 0)) {
                        stats.add(AccountStat.of(a));
                    }
                }
            }
        }
        return new AccountStatz(server.description().serverId(), now.toString(), stats);
    }
}
