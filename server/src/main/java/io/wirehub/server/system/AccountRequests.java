package io.wirehub.server.system;

import io.wirehub.server.monitor.MonitorDocuments;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account-scoped requests, {@code $SYS.REQ.ACCOUNT.<acc>.{CONNZ,SUBSZ,INFO,STATZ,CONNS}} and
 * {@code $SYS.REQ.ACCOUNT.PING.STATZ}, and {@code $SYS.REQ.USER.INFO}. Every other account gets
 * what nats-server exports to it from the system account: {@code $SYS.REQ.SERVER.PING.CONNZ} and
 * {@code $SYS.REQ.ACCOUNT.PING.CONNZ} answered as its own CONNZ, {@code $SYS.REQ.ACCOUNT.PING.STATZ}
 * as its own STATZ, and USER.INFO.
 */
final class AccountRequests {
    /** $SYS.REQ.ACCOUNT.<acc>.<name>: the account is the fourth token. */
    private static final int ACCOUNT_TOKEN = 3;
    private static final int TOKENS = 5;

    private AccountRequests() {
    }

    static void register(SystemService service) {
        ServerIdentity identity = service.identity();
        MonitorDocuments docs = service.documents();
        service.register("$SYS.REQ.ACCOUNT.*.CONNZ", request -> connz(identity, docs, request, account(request)));
        service.register("$SYS.REQ.ACCOUNT.*.SUBSZ", request -> ZRequest.answer(identity, request, options -> {
            Map<String, String> query = options.subsz();
            query.put("subs", "true");
            query.put("acc", account(request));
            return docs.subsz(query, Instant.now());
        }));
        service.register("$SYS.REQ.ACCOUNT.*.INFO", request -> ZRequest.answer(identity, request,
                options -> docs.accountInfo(account(request))));
        service.register("$SYS.REQ.ACCOUNT.*.STATZ", request -> {
            String account = account(request);
            // The PING subject matches the wildcard too; it has its own handler.
            return account.equals("PING") ? null : statz(identity, docs, request, List.of(account));
        });
        service.register("$SYS.REQ.ACCOUNT.PING.STATZ", request -> statz(identity, docs, request, null));
        service.register("$SYS.REQ.ACCOUNT.*.CONNS", request -> conns(service, account(request)));
        service.register("$SYS.REQ.USER.INFO", request -> userInfo(identity, request));
        service.register("$SYS.REQ.USER.*.INFO", request -> userInfo(identity, request));

        service.registerInEveryAccount("$SYS.REQ.SERVER.PING.CONNZ",
                request -> connz(identity, docs, request, request.account()));
        service.registerInEveryAccount("$SYS.REQ.ACCOUNT.PING.CONNZ",
                request -> connz(identity, docs, request, request.account()));
        service.registerInEveryAccount("$SYS.REQ.ACCOUNT.PING.STATZ",
                request -> statz(identity, docs, request, List.of(request.account())));
        service.registerInEveryAccount("$SYS.REQ.USER.INFO", request -> userInfo(identity, request));
    }

    private static String account(SystemRequest request) {
        String[] tokens = request.subject().split("\\.");
        if (tokens.length != TOKENS) {
            throw new IllegalArgumentException("subject \"" + request.subject() + "\" is malformed");
        }
        return tokens[ACCOUNT_TOKEN];
    }

    private static byte[] connz(ServerIdentity identity, MonitorDocuments docs, SystemRequest request,
                                String account) {
        return ZRequest.answer(identity, request, options -> {
            Map<String, String> query = options.connz();
            query.put("acc", account);
            return docs.connz(query, Instant.now());
        });
    }

    /** @param accounts null for the accounts the body names (all when none) */
    private static byte[] statz(ServerIdentity identity, MonitorDocuments docs, SystemRequest request,
                                List<String> accounts) {
        return ZRequest.answer(identity, request, options -> docs.accountStatz(
                accounts == null ? options.statzAccounts() : accounts, options.includeUnused(), Instant.now()));
    }

    /** The account's SERVER.CONNS event, sent only to the asker, and only when it has clients here. */
    private static byte[] conns(SystemService service, String account) {
        MonitorDocuments.AccountStatFields stat = service.documents().accountStat(account);
        if (stat == null || stat.connections() == 0) {
            return null;
        }
        return ClientEvents.connsMessage(service.identity(), stat);
    }

    /** nats-server's UserInfo: who asked, in which account, with which permissions. */
    private static byte[] userInfo(ServerIdentity identity, SystemRequest request) {
        if (request.reply() == null) {
            return null;
        }
        if (request.requester() == null) {
            return ApiResponse.error(identity, 400, null);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        String user = request.requester().client().authorizedUser();
        info.put("user", user == null ? "" : user);
        info.put("account", request.account());
        if (request.requester().permissions() != null) {
            info.put("permissions", UserPermissions.of(request.requester().permissions()));
        }
        return ApiResponse.data(identity, MonitorDocuments.json(info));
    }
}
