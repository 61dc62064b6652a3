package io.wirehub.server.config;

import static io.wirehub.server.config.EntryValues.bool;
import static io.wirehub.server.config.EntryValues.duration;
import static io.wirehub.server.config.EntryValues.durationOrSeconds;
import static io.wirehub.server.config.EntryValues.integer;
import static io.wirehub.server.config.EntryValues.path;
import static io.wirehub.server.config.EntryValues.smallInteger;
import static io.wirehub.server.config.EntryValues.string;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each top-level key of a config file means: one table entry per key (aliases as nats-server
 * has them), so supporting a key is one line here. Keys match case-insensitively, as in
 * nats-server.
 */
final class ConfigFileKeys {

    /** Applies one entry to the builder; throws {@link InvalidValueException} for a bad value. */
    @FunctionalInterface
    interface KeyBinder {
        void bind(ConfigEntry entry, ServerConfig.Builder builder, Consumer<String> warnings);
    }

    sealed interface KeyRule permits Bound, Refused {
    }

    /**
     * A key Wirehub applies.
     *
     * @param settings the settings it sets, named as {@link ConfigValidator} names them, so a
     *                 violated rule can point at this key's line
     */
    record Bound(List<String> settings, KeyBinder binder) implements KeyRule {
    }

    /** A key nats-server knows that Wirehub refuses; the message follows the quoted key. */
    record Refused(String reason) implements KeyRule {
        String problem(String keyAsWritten) {
            return "\"" + keyAsWritten + "\" " + reason;
        }
    }

    private static final String NOT_OFFERED = "is not supported by Wirehub";
    private static final String NOT_YET = "is not supported yet";

    private static final Map<String, KeyRule> RULES = new HashMap<>();

    static {
        bind(List.of("host", "port"), (e, b, w) -> {
            ListenAddress address = ListenAddress.of(e);
            if (address.host() != null) {
                b.host(address.host());
            }
            b.port(address.port());
        }, "listen");
        bind("host", (e, b, w) -> b.host(string(e)), "net");
        bind("port", (e, b, w) -> b.port(smallInteger(e)));
        bind("server_name", (e, b, w) -> b.serverName(string(e)));
        bind("max_payload", (e, b, w) -> b.maxPayload(smallInteger(e)));
        bind("max_control_line", (e, b, w) -> b.maxControlLine(smallInteger(e)));
        bind("max_pending", (e, b, w) -> b.maxPending(integer(e)));
        bind("max_connections", (e, b, w) -> b.maxConnections(smallInteger(e)), "max_conn");
        bind("max_subscriptions", (e, b, w) -> b.maxSubscriptions(smallInteger(e)), "max_subs");
        bind("ping_interval", (e, b, w) -> b.pingInterval(durationOrSeconds(e, w)));
        bind("ping_max", (e, b, w) -> b.pingMax(smallInteger(e)));
        bind("write_deadline", (e, b, w) -> b.writeDeadline(durationOrSeconds(e, w)));
        bind("lame_duck_duration", (e, b, w) -> b.lameDuckDuration(duration(e)));
        bind("lame_duck_grace_period", (e, b, w) -> b.lameDuckGracePeriod(duration(e)));
        bind("no_header_support", (e, b, w) -> b.noHeaderSupport(bool(e)));
        bind("disable_short_first_ping", (e, b, w) -> b.disableShortFirstPing(bool(e)));
        bind("max_closed_clients", (e, b, w) -> b.maxClosedClients(smallInteger(e)));
        bind("pid_file", (e, b, w) -> b.pidFile(path(e)), "pidfile");
        bind("ports_file_dir", (e, b, w) -> b.portsFileDir(path(e)));
        bind("debug", (e, b, w) -> b.logging(b.logging().withDebug(bool(e))));
        bind("trace", (e, b, w) -> b.logging(b.logging().withTrace(bool(e))));
        bind("logtime", (e, b, w) -> b.logging(b.logging().withLogTime(bool(e))));
        bind("log_file", (e, b, w) -> b.logging(b.logging().withLogFile(path(e))), "logfile");
        bind("logtime_utc", (e, b, w) -> b.logging(b.logging().withLogTimeUtc(bool(e))));
        bind("logfile_size_limit", (e, b, w) -> b.logging(b.logging().withLogSizeLimit(nonNegative(e))),
                "log_size_limit");
        bind("logfile_max_num", (e, b, w) -> b.logging(b.logging().withLogMaxFiles(Math.toIntExact(
                Math.min(Integer.MAX_VALUE, nonNegative(e))))), "log_max_num");
        bind(List.of("authorization"), (e, b, w) -> {
            AuthorizationBinder.Result read = AuthorizationBinder.read(e);
            // Users of accounts {} read before this block stay: they are listed with the block's.
            List<UserConfig> accountUsers = b.authorization().users().stream()
                    .filter(u -> !u.account().equals(AccountConfig.GLOBAL)).toList();
            b.authorization(read.auth().withNoAuthUser(b.authorization().noAuthUser()).withMoreUsers(accountUsers));
            if (read.timeout() != null) {
                b.authTimeout(read.timeout());
            }
        }, "authorization");
        bind(List.of("no_auth_user"), (e, b, w) -> b.authorization(b.authorization().withNoAuthUser(string(e))),
                "no_auth_user");
        bind(List.of("accounts"), (e, b, w) -> {
            AccountsBinder.Result read = AccountsBinder.read(e);
            b.accounts(b.accounts().withAccounts(read.accounts()));
            b.authorization(b.authorization().withMoreUsers(read.users()));
        }, "accounts");
        bind(List.of("mappings"), (e, b, w) -> b.accounts(b.accounts().withGlobalMappings(
                AccountsBinder.readMappings(e))), "mappings");
        bind(List.of("mappings"), (e, b, w) -> b.accounts(b.accounts().withGlobalMappings(
                AccountsBinder.readMappings(e))), "maps");
        bind(List.of("system_account"), (e, b, w) -> b.accounts(b.accounts().withSystemAccount(string(e))),
                "system_account");
        bind(List.of("system_account"), (e, b, w) -> b.accounts(b.accounts().withSystemAccount(string(e))),
                "system");
        for (String key : List.of("no_system_account", "no_system", "no_sys_acc")) {
            bind(List.of("no_system_account"), (e, b, w) -> b.accounts(b.accounts().withNoSystemAccount(
                    AccountsBinder.flag(e))), key);
        }
        for (String key : List.of("operator", "operators", "roots", "root", "root_operators", "root_operator")) {
            bind(List.of("operator"), (e, b, w) -> b.accounts(b.accounts().withOperator(b.accounts().operator()
                    .withOperators(OperatorBinder.operators(e), e.position().toString()))), key);
        }
        for (String key : List.of("resolver", "account_resolver", "accounts_resolver")) {
            bind(List.of("resolver"), (e, b, w) -> b.accounts(b.accounts().withOperator(b.accounts().operator()
                    .withResolver(OperatorBinder.resolver(e)))), key);
        }
        bind(List.of("resolver_preload"), (e, b, w) -> b.accounts(b.accounts().withOperator(b.accounts().operator()
                .withPreload(OperatorBinder.preload(e), e.position().toString()))), "resolver_preload");
        bind(List.of("http"), (e, b, w) -> {
            ListenAddress address = ListenAddress.of(e);
            notBoth(b.monitoring(), false, address.port());
            b.monitoring(new MonitoringConfig(address.host() == null ? b.monitoring().host() : address.host(),
                    address.port()));
        }, "http");
        bind(List.of("http"), (e, b, w) -> b.monitoring(notBoth(b.monitoring(), false, smallInteger(e))
                .withPort(smallInteger(e))), "http_port");
        bind(List.of("http"), (e, b, w) -> b.monitoring(notBoth(b.monitoring(), false, smallInteger(e))
                .withPort(smallInteger(e))), "monitor_port");
        bind(List.of("http"), (e, b, w) -> {
            ListenAddress address = ListenAddress.of(e);
            notBoth(b.monitoring(), true, address.port());
            b.monitoring(new MonitoringConfig(address.host() == null ? b.monitoring().host() : address.host(),
                    address.port(), true));
        }, "https");
        bind(List.of("http"), (e, b, w) -> b.monitoring(notBoth(b.monitoring(), true, smallInteger(e))
                .withHttpsPort(smallInteger(e))), "https_port");
        bind(List.of("tls"), (e, b, w) -> b.tls(TlsBinder.read(e)), "tls");
        bind("allow_non_tls", (e, b, w) -> b.allowNonTls(bool(e)));
        bind(List.of("limits"), (e, b, w) -> b.limits(LimitsBinder.read(e)), "limits");
        bind(List.of("socket_options"), (e, b, w) -> b.socketOptions(SocketOptionsBinder.read(e)), "socket_options");
        bind(List.of("unix"), (e, b, w) -> b.unix(UnixSocketBinder.read(e)), "unix");
        bind(List.of("udp"), (e, b, w) -> b.udp(UdpBinder.read(e)), "udp");
        bind(List.of("websocket"), (e, b, w) -> b.websocket(WebSocketBinder.read(e)), "websocket");
        bind(List.of("websocket"), (e, b, w) -> b.websocket(WebSocketBinder.read(e)), "ws");
        bind(List.of("leafnodes"), (e, b, w) -> b.leafNodes(LeafNodesBinder.read(e, w)), "leafnodes");
        bind(List.of("leafnodes"), (e, b, w) -> b.leafNodes(LeafNodesBinder.read(e, w)), "leaf");


        bind(List.of("jetstream"), (e, b, w) -> b.jetstream(JetStreamBinder.read(e, b.jetstream(), w)), "jetstream");
        for (String key : List.of("store_dir", "storedir")) {
            bind(List.of("jetstream"), (e, b, w) -> b.jetstream(JetStreamBinder.withStoreDir(b.jetstream(), e)), key);
        }
        refuse(NOT_YET, "default_js_domain");
        // Wirehub's own file service ($WH.FILES) is gone: a config still holding it would start
        // without it, and its users would learn only from their failing puts.
        refuse("is no longer used: wirehub put/get/ls/rm keep files in JetStream Object Store buckets now"
                + " (enable jetstream; see docs/files.md to move stored files)", "files");
        refuse(NOT_OFFERED, "client_advertise", "trace_verbose",
                "disable_sublist_cache", "no_sublist_cache", "http_base_path", "cluster",
                "gateway", "syslog", "remote_syslog", "prof_port", "prof_block_rate",
                "max_traced_msg_len", "max_sub_tokens", "max_subscription_tokens", "ocsp", "ocsp_cache",
                "resolver_tls", "resolver_pinned_accounts", "trusted", "trusted_keys", "connect_error_reports", "reconnect_error_reports",
                "mqtt", "server_tags", "no_fast_producer_stall");
    }

    private ConfigFileKeys() {
    }

    /** The rule for a key as written, or null for a key nobody knows. */
    static KeyRule rule(String key) {
        return RULES.get(key.toLowerCase(Locale.ROOT));
    }

    /** A key (and its aliases) that sets the setting of the same name. */
    private static void bind(String name, KeyBinder binder, String... aliases) {
        bind(List.of(name), binder, name);
        for (String alias : aliases) {
            bind(List.of(name), binder, alias);
        }
    }

    private static void bind(List<String> settings, KeyBinder binder, String name) {
        add(name, new Bound(settings, binder));
    }

    private static void refuse(String reason, String... names) {
        for (String name : names) {
            add(name, new Refused(reason));
        }
    }

    private static void add(String name, KeyRule rule) {
        if (RULES.putIfAbsent(name, rule) != null) {
            throw new IllegalStateException("config key " + name + " is in the table twice");
        }
    }

    /** A size or count: an integer (with nats-server's units, as other sizes) that is not negative. */
    private static long nonNegative(ConfigEntry entry) {
        long value = integer(entry);
        if (value < 0) {
            throw EntryValues.expected(entry, "a size that is not negative");
        }
        return value;
    }

    /** nats-server's refusal of an HTTP and an HTTPS monitoring port in one config. */
    private static MonitoringConfig notBoth(MonitoringConfig current, boolean https, int port) {
        if (port != 0 && current.port() != 0 && current.https() != https) {
            int http = https ? current.port() : port;
            int secure = https ? port : current.port();
            throw new InvalidValueException("can't specify both HTTP (" + http + ") and HTTPs (" + secure + ") ports");
        }
        return current;
    }
}
