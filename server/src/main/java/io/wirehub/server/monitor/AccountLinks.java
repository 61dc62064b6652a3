package io.wirehub.server.monitor;

import io.wirehub.server.config.AccountConfig;
import io.wirehub.server.config.ExportConfig;
import io.wirehub.server.config.ImportConfig;
import io.wirehub.server.config.MappingConfig;
import io.wirehub.server.monitor.AccountDocuments.ExtExport;
import io.wirehub.server.monitor.AccountDocuments.ExtImport;
import io.wirehub.server.monitor.AccountDocuments.MapDest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's mappings, exports and imports as /accountz shows them: the configured ones, and
 * the system ones nats-server 2.10 adds (each account imports USER.INFO, the PING CONNZ subjects
 * and ACCOUNT.PING.STATZ from the system account, which exports them).
 */
final class AccountLinks {
    private AccountLinks() {
    }

    /** Go writes a map's keys sorted. */
    static Map<String, List<MapDest>> mappings(List<MappingConfig> mappings) {
        Map<String, List<MapDest>> out = new TreeMap<>();
        for (MappingConfig mapping : mappings) {
            List<MapDest> dests = new ArrayList<>();
            for (MappingConfig.Destination d : mapping.destinations()) {
                dests.add(new MapDest(d.subject(), d.weight(), d.cluster()));
            }
            out.putIfAbsent(mapping.source(), dests);
        }
        return out;
    }

    static List<ExtExport> exports(AccountConfig account, boolean system) {
        List<ExtExport> out = new ArrayList<>();
        if (account != null) {
            for (ExportConfig export : account.exports()) {
                boolean service = export.kind() == ExportConfig.Kind.SERVICE;
                out.add(new ExtExport(export.subject(), service ? "service" : "stream",
                        service ? responseType(export.responseType()) : null, export.accounts()));
            }
        }
        if (system) {
            // addSystemAccountExports (nats-server's $SYS.DEBUG.SUBSCRIBERS is not served here).
            out.add(new ExtExport("$SYS.REQ.ACCOUNT.*.CONNZ", "service", "Streamed", List.of()));
            out.add(new ExtExport("$SYS.REQ.ACCOUNT.*.STATZ", "service", "Streamed", List.of()));
            out.add(new ExtExport("$SYS.REQ.USER.*.INFO", "service", "Singleton", List.of()));
        }
        return out;
    }

    /** @param systemAccount null when there is none */
    static List<ExtImport> imports(AccountConfig account, String name, String systemAccount) {
        List<ExtImport> out = new ArrayList<>();
        if (account != null) {
            for (ImportConfig imported : account.imports()) {
                if (imported.kind() == ExportConfig.Kind.STREAM) {
                    out.add(new ExtImport(imported.subject(), imported.account(), null, imported.localSubject(),
                            "stream", false, imported.share(), false));
                } else {
                    // A service import is shown as nats-server keeps it: the exporter's subject,
                    // and the importer's own as "to" and "local_subject".
                    out.add(new ExtImport(imported.subject(), imported.account(), imported.localSubject(),
                            imported.localSubject(), "service", false, imported.share(), false));
                }
            }
        }
        if (systemAccount != null && !name.equals(systemAccount)) {
            String connz = "$SYS.REQ.ACCOUNT." + name + ".CONNZ";
            out.add(system("$SYS.REQ.ACCOUNT.PING.CONNZ", connz, systemAccount));
            out.add(system("$SYS.REQ.SERVER.PING.CONNZ", connz, systemAccount));
            out.add(system("$SYS.REQ.ACCOUNT.PING.STATZ", "$SYS.REQ.ACCOUNT." + name + ".STATZ", systemAccount));
            out.add(system("$SYS.REQ.USER.INFO", "$SYS.REQ.USER." + name + ".INFO", systemAccount));
        }
        return out;
    }

    private static ExtImport system(String local, String exported, String systemAccount) {
        return new ExtImport(exported, systemAccount, local, local, "service", false, false, false);
    }

    /** nats-server's ServiceRespType.String(). */
    private static String responseType(ExportConfig.ResponseType type) {
        return switch (type) {
            case SINGLETON -> "Singleton";
            case STREAM -> "Streamed";
            case CHUNKED -> "Chunked";
        };
    }
}
