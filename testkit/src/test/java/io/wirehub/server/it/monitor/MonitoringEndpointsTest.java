package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.HttpGet.Answer;
import io.wirehub.testkit.internal.RawClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * /varz, /connz, /subsz, /routez and /healthz: the JSON shapes nats-server's tools read, and the
 * figures moving under known traffic.
 */
class MonitoringEndpointsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Every /varz field Wirehub reports, nats-server's names. */
    private static final Set<String> VARZ_FIELDS = Set.of("server_id", "server_name", "version", "wirehub_version",
            "proto", "go", "host", "port", "max_connections", "ping_interval", "ping_max", "http_host", "http_port",
            "http_base_path", "https_port", "auth_timeout", "max_control_line", "max_payload", "max_pending",
            "cluster", "gateway", "leaf", "mqtt", "websocket", "jetstream", "tls_timeout", "write_deadline", "start",
            "now", "uptime", "mem", "cores", "gomaxprocs", "cpu", "connections", "total_connections", "routes",
            "remotes", "leafnodes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "slow_consumers",
            "subscriptions", "http_req_stats", "config_load_time", "system_account", "slow_consumer_stats");

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void varzHasNatsServersFieldsAndCountsTraffic() throws Exception {
        try (Wirehub server = MonitoredServer.start();
             Connection nc = MonitoredServer.connect(server, "varz-client")) {
            String varz = server.monitoringUrl() + "/varz";
            JsonNode before = HttpGet.get(varz).json();
            assertThat(fields(before)).isEqualTo(new TreeSet<>(VARZ_FIELDS));
            assertThat(before.get("port").asInt()).isEqualTo(server.port());
            assertThat(before.get("http_port").asInt()).isEqualTo(server.monitoringPort());
            assertThat(before.get("http_host").asText()).isEqualTo("127.0.0.1");
            assertThat(before.get("ping_interval").asLong()).as("Go duration in ns").isEqualTo(120_000_000_000L);
            assertThat(before.get("auth_timeout").isIntegralNumber()).as("Go writes 2, not 2.0").isTrue();
            assertThat(before.get("mem").asLong()).as("resident memory").isGreaterThan(1 << 20);

            Subscription sub = nc.subscribe("varz.traffic");
            for (int i = 0; i < 10; i++) {
                nc.publish("varz.traffic", "hello".getBytes(StandardCharsets.UTF_8));
            }
            nc.flush(WAIT);
            for (int i = 0; i < 10; i++) {
                assertThat(sub.nextMessage(WAIT)).isNotNull();
            }
            JsonNode after = HttpGet.jsonUntil(varz, v -> v.get("out_msgs").asLong() == 10,
                    "10 messages out in /varz");
            assertThat(after.get("in_msgs").asLong()).isEqualTo(10);
            assertThat(after.get("in_bytes").asLong()).isEqualTo(50);
            assertThat(after.get("out_bytes").asLong()).isEqualTo(50);
            assertThat(after.get("connections").asInt()).isEqualTo(1);
            assertThat(after.get("total_connections").asLong()).isEqualTo(1);
            // The server's own subscriptions (the system account's requests and the system imports each
            // account gets, as in nats-server) are counted too: only the clients' are added here.
            assertThat(after.get("subscriptions").asInt()).isEqualTo(before.get("subscriptions").asInt() + 1);
            assertThat(after.get("http_req_stats").get("/varz").asLong()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void connzListsPagesSortsAndShowsSubscriptions() throws Exception {
        try (Wirehub server = MonitoredServer.start();
             Connection one = MonitoredServer.connect(server, "one");
             Connection two = MonitoredServer.connect(server, "two");
             Connection three = MonitoredServer.connect(server, "three")) {
            two.subscribe("a.b");
            two.subscribe("a.c");
            three.subscribe("x.*", "workers");
            two.flush(WAIT);
            three.flush(WAIT);
            String connz = server.monitoringUrl() + "/connz";

            JsonNode all = HttpGet.jsonUntil(connz + "?subs=1",
                    c -> c.get("num_connections").asInt() == 3, "three connections");
            assertThat(fields(all)).containsExactlyInAnyOrder("server_id", "now", "num_connections", "total", "offset",
                    "limit", "connections");
            assertThat(all.get("limit").asInt()).isEqualTo(1024);
            List<String> names = new ArrayList<>();
            all.get("connections").forEach(c -> names.add(c.get("name").asText()));
            assertThat(names).as("sorted by cid, ascending").containsExactly("one", "two", "three");
            JsonNode first = all.get("connections").get(0);
            assertThat(fields(first)).contains("cid", "kind", "type", "ip", "port", "start", "last_activity", "uptime",
                    "idle", "pending_bytes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "subscriptions", "name",
                    "lang", "version");
            assertThat(first.get("kind").asText()).isEqualTo("Client");
            assertThat(first.get("type").asText()).isEqualTo("nats");
            assertThat(first.get("lang").asText()).isEqualTo("java");
            assertThat(all.get("connections").get(1).get("subscriptions_list").toString())
                    .contains("\"a.b\"", "\"a.c\"");

            JsonNode bySubs = HttpGet.get(connz + "?sort=subs").json();
            assertThat(bySubs.get("connections").get(0).get("name").asText()).isEqualTo("two");

            JsonNode page = HttpGet.get(connz + "?limit=1&offset=1").json();
            assertThat(page.get("num_connections").asInt()).isEqualTo(1);
            assertThat(page.get("total").asInt()).isEqualTo(3);
            assertThat(page.get("connections").get(0).get("name").asText()).isEqualTo("two");

            long cid = all.get("connections").get(2).get("cid").asLong();
            JsonNode single = HttpGet.get(connz + "?cid=" + cid + "&subs=detail").json();
            assertThat(single.get("num_connections").asInt()).isEqualTo(1);
            JsonNode detail = single.get("connections").get(0).get("subscriptions_list_detail").get(0);
            assertThat(detail.get("subject").asText()).isEqualTo("x.*");
            assertThat(detail.get("qgroup").asText()).isEqualTo("workers");
            assertThat(detail.get("cid").asLong()).isEqualTo(cid);
            assertThat(detail.get("account").asText()).isEqualTo("$G");

            Answer badSort = HttpGet.get(connz + "?sort=nope");
            assertThat(badSort.status()).isEqualTo(400);
            assertThat(badSort.body()).isEqualTo("invalid sorting option: nope\n");
            Answer stopOnOpen = HttpGet.get(connz + "?sort=stop");
            assertThat(stopOnOpen.status()).isEqualTo(400);
            assertThat(stopOnOpen.body()).isEqualTo("sort by stop only valid on closed connections\n");
        }
    }

    @Test
    void closedConnectionsKeepTheirCloseReasons() throws Exception {
        try (Wirehub server = MonitoredServer.start()) {
            MonitoredServer.connect(server, "leaver").close();
            try (RawClient bad = RawClient.connect("127.0.0.1", server.port())) {
                bad.expectLineStartingWith("INFO {");
                bad.send("CONNECT {\"verbose\":false}\r\nNOT-A-VERB\r\n");
                bad.expectLine("-ERR 'Unknown Protocol Operation'");
            }
            String closed = server.monitoringUrl() + "/connz?state=closed&sort=stop";
            JsonNode connz = HttpGet.jsonUntil(closed, c -> c.get("num_connections").asInt() == 2,
                    "two closed connections");
            List<String> reasons = new ArrayList<>();
            connz.get("connections").forEach(c -> {
                assertThat(c.has("stop")).isTrue();
                reasons.add(c.get("reason").asText());
            });
            // nats-server 2.9/2.10 records an unknown operation as "Protocol Violation" too.
            assertThat(reasons).containsExactlyInAnyOrder("Client Closed", "Protocol Violation");
            JsonNode open = HttpGet.get(server.monitoringUrl() + "/connz").json();
            assertThat(open.get("num_connections").asInt()).isZero();
            JsonNode any = HttpGet.get(server.monitoringUrl() + "/connz?state=all").json();
            assertThat(any.get("total").asInt()).isEqualTo(2);
        }
    }

    @Test
    void subszCountsListsAndFilters() throws Exception {
        try (Wirehub server = MonitoredServer.start();
             Connection nc = MonitoredServer.connect(server, "subs")) {
            String subsz = server.monitoringUrl() + "/subsz";
            // The server's own subscriptions (the system account's requests and the system imports each
            // account gets, as in nats-server) are counted too: only the clients' are added here.
            int own = HttpGet.get(subsz).json().get("num_subscriptions").asInt();
            nc.subscribe("orders.*");
            nc.subscribe("orders.new");
            nc.subscribe("audit.>");
            nc.flush(WAIT);
            nc.publish("orders.new", new byte[1]);
            nc.flush(WAIT);
            JsonNode counts = HttpGet.jsonUntil(subsz, s -> s.get("num_subscriptions").asInt() == own + 3,
                    "three subscriptions");
            assertThat(fields(counts)).containsExactlyInAnyOrder("server_id", "now", "num_subscriptions", "num_cache",
                    "num_inserts", "num_removes", "num_matches", "cache_hit_rate", "max_fanout", "avg_fanout", "total",
                    "offset", "limit");
            assertThat(counts.get("num_inserts").asLong()).isEqualTo(own + 3);
            assertThat(counts.get("num_matches").asLong()).isGreaterThanOrEqualTo(1);

            JsonNode listed = HttpGet.get(subsz + "?subs=1").json();
            assertThat(listed.get("total").asInt()).isEqualTo(own + 3);
            assertThat(listed.get("subscriptions_list")).hasSize(own + 3);

            JsonNode matching = HttpGet.get(subsz + "?subs=1&test=orders.new").json();
            List<String> subjects = new ArrayList<>();
            matching.get("subscriptions_list").forEach(s -> subjects.add(s.get("subject").asText()));
            assertThat(subjects).containsExactlyInAnyOrder("orders.*", "orders.new");

            Answer wildcardTest = HttpGet.get(subsz + "?subs=1&test=orders.*");
            assertThat(wildcardTest.status()).isEqualTo(400);
            assertThat(HttpGet.get(server.monitoringUrl() + "/subscriptionsz").json().get("num_subscriptions").asInt())
                    .isEqualTo(own + 3);
        }
    }

    @Test
    void healthzIsOkUntilLameDuckMode() throws Exception {
        Wirehub server = Wirehub.start(MonitoredServer.config().lameDuckDuration(Duration.ofSeconds(30))
                .lameDuckGracePeriod(Duration.ofSeconds(20)).build());
        try {
            String healthz = server.monitoringUrl() + "/healthz";
            Answer ok = HttpGet.get(healthz);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");
            server.enterLameDuckMode();
            Answer unavailable = io.wirehub.testkit.Await.value(WAIT, () -> HttpGet.get(healthz),
                    a -> a.status() == 503, "healthz to turn 503");
            assertThat(unavailable.json().get("status").asText()).isEqualTo("unavailable");
            assertThat(unavailable.json().get("error").asText()).contains("lame duck");
        } finally {
            server.close();
        }
    }

    @Test
    void jsonpCorsAndHttpErrors() throws Exception {
        try (Wirehub server = MonitoredServer.start()) {
            String base = server.monitoringUrl();
            Answer varz = HttpGet.get(base + "/varz");
            assertThat(varz.contentType()).isEqualTo("application/json");
            assertThat(varz.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(varz.body()).as("pretty-printed like Go's MarshalIndent").startsWith("{\n  \"server_id\": \"");

            Answer jsonp = HttpGet.get(base + "/varz?callback=showVarz");
            assertThat(jsonp.contentType()).isEqualTo("application/javascript");
            assertThat(jsonp.body()).startsWith("showVarz({").endsWith("})");
            assertThat(HttpGet.get(base + "/varz?callback=alert(1)//").status()).isEqualTo(400);

            Answer routez = HttpGet.get(base + "/routez");
            assertThat(routez.json().get("num_routes").asInt()).isZero();
            assertThat(routez.json().get("routes").isArray()).isTrue();

            assertThat(HttpGet.get(base + "/nothing-here").status()).isEqualTo(404);
            Answer post = HttpGet.send(HttpRequest.newBuilder(URI.create(base + "/varz"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build());
            assertThat(post.status()).isEqualTo(405);
            assertThat(HttpGet.get(base + "/connz?limit=abc").status()).isEqualTo(400);
        }
    }

    @Test
    void monitoringIsOffUnlessAskedFor() throws Exception {
        try (Wirehub server = Wirehub.start()) {
            assertThat(server.monitoringPort()).isZero();
            assertThat(server.monitoringUrl()).isNull();
        }
    }
}
