package io.wirehub.server.monitor;

import io.wirehub.server.stats.LeafConnectionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /leafz as nats-server 2.10 writes it (monitor.go Leafz, LeafInfo): {@code server_id}, {@code now},
 * {@code leafnodes} and one entry per leaf connection; {@code ?subs=1} adds each connection's
 * {@code subscriptions_list}, {@code ?acc=NAME} keeps one account's.
 */
final class Leafz {
    private Leafz() {
    }

    static Map<String, Object> answer(ServerView server, QueryParams params, Instant now) {
        boolean subs = params.bool("subs");
        String account = params.get("acc");
        List<Map<String, Object>> leafs = new ArrayList<>();
        for (LeafConnectionSnapshot leaf : server.leafConnections()) {
            if (account != null && !account.isEmpty() && !account.equals(leaf.account())) {
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", leaf.name());
            info.put("is_spoke", leaf.spoke());
            info.put("account", leaf.account());
            info.put("ip", leaf.ip());
            info.put("port", leaf.port());
            info.put("in_msgs", leaf.inMessages());
            info.put("out_msgs", leaf.outMessages());
            info.put("in_bytes", leaf.inBytes());
            info.put("out_bytes", leaf.outBytes());
            info.put("subscriptions", leaf.subscriptions().size());
            if (subs && !leaf.subscriptions().isEmpty()) {
                info.put("subscriptions_list", leaf.subscriptions());
            }
            leafs.add(info);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("server_id", server.description().serverId());
        answer.put("now", now.toString());
        answer.put("leafnodes", leafs.size());
        answer.put("leafs", leafs);
        return answer;
    }
}
