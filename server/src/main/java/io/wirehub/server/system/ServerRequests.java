package io.wirehub.server.system;

import io.wirehub.server.monitor.MonitorDocuments;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server-wide requests: {@code $SYS.REQ.SERVER.PING} (statsz), and STATSZ, VARZ, CONNZ,
 * SUBSZ, HEALTHZ, ACCOUNTZ and IDZ both as {@code $SYS.REQ.SERVER.PING.<name>} (every server
 * answers) and {@code $SYS.REQ.SERVER.<server id>.<name>} (this one). The documents are the
 * monitoring port's.
 */
final class ServerRequests {
    private ServerRequests() {
    }

    static void register(SystemService service) {
        ServerIdentity identity = service.identity();
        MonitorDocuments docs = service.documents();
        Map<String, SystemRequestHandler> handlers = new LinkedHashMap<>();
        handlers.put("STATSZ", request -> statsz(service, request));
        handlers.put("VARZ", request -> ZRequest.answer(identity, request, options -> docs.varz(Instant.now())));
        handlers.put("CONNZ", request -> ZRequest.answer(identity, request,
                options -> docs.connz(options.connz(), Instant.now())));
        handlers.put("SUBSZ", request -> ZRequest.answer(identity, request,
                options -> docs.subsz(options.subsz(), Instant.now())));
        handlers.put("HEALTHZ", request -> ZRequest.answer(identity, request, options -> docs.healthz()));
        handlers.put("ACCOUNTZ", request -> ZRequest.answer(identity, request,
                options -> docs.accountz(options.accountzAccount(), Instant.now())));
        handlers.put("IDZ", request -> idz(identity));
        service.register("$SYS.REQ.SERVER.PING", request -> statsz(service, request));
        handlers.forEach((name, handler) -> {
            service.register("$SYS.REQ.SERVER.PING." + name, handler);
            service.register("$SYS.REQ.SERVER." + identity.id() + "." + name, handler);
        });
    }

    /**
     * nats-server's ServerStatsMsg, {"server":..,"statsz":..} (not a ServerAPIResponse); without
     * a reply subject it goes to this server's STATSZ subject.
     */
    static byte[] statsz(SystemService service, SystemRequest request) {
        ServerIdentity identity = service.identity();
        if (request.hasBody()) {
            RequestOptions options;
            try {
                options = RequestOptions.of(request);
            } catch (IllegalArgumentException e) {
                return ApiResponse.error(identity, 400, e.getMessage());
            }
            if (options.filtersOut(identity)) {
                return null;
            }
        }
        byte[] message = statszMessage(service);
        if (request.reply() == null) {
            service.publishLater(service.system(), statszSubject(identity), message);
            return null;
        }
        return message;
    }

    static String statszSubject(ServerIdentity identity) {
        return "$SYS.SERVER." + identity.id() + ".STATSZ";
    }

    static byte[] statszMessage(SystemService service) {
        return Json.bytes("{\"server\":" + service.identity().next() + ",\"statsz\":"
                + Json.text(service.documents().statsz()) + "}");
    }

    /** nats-server's ServerID, bare: {"name","host","id"}. */
    private static byte[] idz(ServerIdentity identity) {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", identity.name());
        id.put("host", identity.host());
        id.put("id", identity.id());
        return MonitorDocuments.json(id);
    }
}
