package io.wirehub.server.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.stats.JetStreamAccountDetail;
import io.wirehub.server.stats.JetStreamAccountDetail.ConsumerDetail;
import io.wirehub.server.stats.JetStreamAccountDetail.StreamDetail;
import io.wirehub.server.stats.JetStreamStats;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /jsz as nats-server 2.10 writes it (monitor.go Jsz, JSInfo, AccountDetail, StreamDetail): the
 * server-wide figures, and with {@code ?accounts=true} each account, {@code ?streams=true} its
 * streams, {@code ?consumers=true} each stream's {@code consumer_detail}, {@code ?config=true} the
 * configs; {@code ?acc=NAME} one account; {@code offset}/{@code limit} page the accounts.
 * Built from the copies {@link ServerView#jetStreamAccounts} hands out.
 */
final class Jsz {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Go's default page of accounts. */
    private static final int DEFAULT_LIMIT = 1024;

    private Jsz() {
    }

    static Map<String, Object> answer(ServerView server, QueryParams params, Instant now) {
        boolean consumers = params.bool("consumers");
        boolean streams = params.bool("streams") || consumers;
        String account = params.get("acc");
        boolean accounts = params.bool("accounts") || (streams && account.isEmpty());
        boolean config = params.bool("config");
        params.bool("leader-only");
        params.bool("raft");
        params.bool("stream-leader-only");
        int offset = Math.max(0, params.integer("offset"));
        int limit = params.integer("limit");
        if (limit == 0) {
            limit = DEFAULT_LIMIT;
        }
        JetStreamStats js = server.jetStream();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (js == null) {
            answer.putAll(VarzBuilder.jetStreamStats(null));
            answer.put("server_id", server.description().serverId());
            answer.put("now", now.toString());
            answer.put("disabled", true);
            answer.put("config", Map.of("max_memory", 0, "max_storage", 0));
            answer.put("streams", 0);
            answer.put("consumers", 0);
            answer.put("messages", 0);
            answer.put("bytes", 0);
            answer.put("total", 0);
            return answer;
        }
        List<JetStreamAccountDetail> all = new ArrayList<>(server.jetStreamAccounts(streams));
        answer.putAll(VarzBuilder.jetStreamStats(js));
        answer.put("server_id", server.description().serverId());
        answer.put("now", now.toString());
        answer.put("config", VarzBuilder.jetStreamConfig(js));
        answer.put("streams", all.stream().mapToInt(JetStreamAccountDetail::streamCount).sum());
        answer.put("consumers", all.stream().mapToInt(JetStreamAccountDetail::consumerCount).sum());
        answer.put("messages", all.stream().mapToLong(JetStreamAccountDetail::messages).sum());
        answer.put("bytes", all.stream().mapToLong(JetStreamAccountDetail::bytes).sum());
        List<JetStreamAccountDetail> shown = all.stream().filter(a -> a.name().equals(account)).toList();
        if (shown.isEmpty() && accounts) {
            // Sorted by name for a consistent page, as nats-server does.
            all.sort(Comparator.comparing(JetStreamAccountDetail::name));
            int from = Math.min(offset, all.size());
            shown = all.subList(from, Math.min(all.size(), from + limit));
        } else if (shown.isEmpty()) {
            shown = List.of();
        }
        if (!shown.isEmpty()) {
            List<Map<String, Object>> details = new ArrayList<>();
            for (JetStreamAccountDetail a : shown) {
                details.add(account(a, streams, consumers, config, server.description().serverName()));
            }
            answer.put("account_details", details);
        }
        answer.put("total", all.size());
        return answer;
    }

    private static Map<String, Object> account(JetStreamAccountDetail a, boolean streams, boolean consumers,
                                               boolean config, String serverName) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", a.name());
        o.put("id", a.name());
        o.put("memory", a.memory());
        o.put("storage", a.storage());
        // Go's uint64 of the account's limit: unlimited (-1) shows as 2^64-1.
        o.put("reserved_memory", unsigned(a.reservedMemory()));
        o.put("reserved_storage", unsigned(a.reservedStorage()));
        o.put("accounts", 0);
        o.put("ha_assets", 0);
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("total", a.apiTotal());
        api.put("errors", a.apiErrors());
        o.put("api", api);
        if (streams && !a.streams().isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (StreamDetail s : a.streams()) {
                list.add(stream(s, consumers, config, serverName));
            }
            o.put("stream_detail", list);
        }
        return o;
    }

    private static Map<String, Object> stream(StreamDetail s, boolean consumers, boolean config, String serverName) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", s.name());
        o.put("created", s.created());
        o.put("cluster", Map.of("leader", serverName));
        if (config) {
            o.put("config", tree(s.configJson()));
        }
        o.put("state", tree(s.stateJson()));
        if (consumers && !s.consumers().isEmpty()) {
            List<JsonNode> list = new ArrayList<>();
            for (ConsumerDetail c : s.consumers()) {
                ObjectNode info = (ObjectNode) tree(c.infoJson());
                if (!config) {
                    info.remove("config");
                }
                list.add(info);
            }
            o.put("consumer_detail", list);
        }
        if (s.mirrorJson() != null) {
            o.put("mirror", tree(s.mirrorJson()));
        }
        if (s.sourcesJson() != null) {
            o.put("sources", tree(s.sourcesJson()));
        }
        return o;
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the API's own JSON always parses", e);
        }
    }
}
