package io.wirehub.server.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A request body read as nats-server reads it: the Z endpoint's options under their JSON names
 * (ConnzOptions, SubszOptions...) beside the EventFilterOptions that say which servers answer.
 * The endpoint options are handed to the monitor under the HTTP query's names, so both ways of
 * asking give the same document.
 */
final class RequestOptions {
    private final JsonNode body;

    private RequestOptions(JsonNode body) {
        this.body = body;
    }

    /** @throws IllegalArgumentException for a body that is not a JSON object */
    static RequestOptions of(SystemRequest request) {
        return new RequestOptions(request.hasBody() ? Json.object(request.payload()) : null);
    }

    /**
     * Whether this server is not among those the filter names (nats-server's filterRequest): then
     * it stays silent.
     */
    boolean filtersOut(ServerIdentity server) {
        if (body == null) {
            return false;
        }
        String name = body.path("server_name").asText("");
        if (!name.isEmpty() && !server.name().contains(name)) {
            return true;
        }
        String host = body.path("host").asText("");
        if (!host.isEmpty() && !server.host().contains(host)) {
            return true;
        }
        // No cluster, tags or JetStream domain: a filter on any of them excludes this server.
        return !body.path("cluster").asText("").isEmpty() || body.path("tags").size() > 0
                || !body.path("domain").asText("").isEmpty();
    }

    /** ConnzOptions as /connz query parameters. */
    Map<String, String> connz() {
        Map<String, String> query = new HashMap<>();
        if (body == null) {
            return query;
        }
        copy("sort", "sort", query);
        copyBool("auth", "auth", query);
        copyBool("subscriptions", "subs", query);
        if (body.path("subscriptions_detail").asBoolean(false)) {
            query.put("subs", "detail");
        }
        copy("offset", "offset", query);
        copy("limit", "limit", query);
        copy("cid", "cid", query);
        copy("user", "user", query);
        copy("acc", "acc", query);
        if (body.has("state")) {
            // ConnState: 0 open, 1 closed, 2 all.
            query.put("state", switch (body.path("state").asInt(0)) {
                case 1 -> "closed";
                case 2 -> "all";
                default -> "open";
            });
        }
        return query;
    }

    /** SubszOptions as /subsz query parameters. */
    Map<String, String> subsz() {
        Map<String, String> query = new HashMap<>();
        if (body == null) {
            return query;
        }
        copy("offset", "offset", query);
        copy("limit", "limit", query);
        copyBool("subscriptions", "subs", query);
        copy("account", "acc", query);
        copy("test", "test", query);
        return query;
    }

    /** AccountzOptions' account: empty for the list. */
    String accountzAccount() {
        return body == null ? "" : body.path("account").asText("");
    }

    /** AccountStatzOptions: the accounts asked for (empty for all). */
    java.util.List<String> statzAccounts() {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (body != null) {
            body.path("accounts").forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    boolean includeUnused() {
        return body != null && body.path("include_unused").asBoolean(false);
    }

    private void copy(String field, String param, Map<String, String> query) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull()) {
            query.put(param, value.asText());
        }
    }

    private void copyBool(String field, String param, Map<String, String> query) {
        if (body.path(field).asBoolean(false)) {
            query.put(param, "true");
        }
    }
}
