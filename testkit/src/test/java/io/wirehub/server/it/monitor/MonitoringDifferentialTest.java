package io.wirehub.server.it.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same traffic against nats-server and Wirehub, then the same monitoring requests to both:
 * every field nats-server reports, Wirehub reports under the same name (bar the few that name
 * things Wirehub does not have), so dashboards and exporters built for nats-server read Wirehub.
 */
class MonitoringDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** nats-server fields about things Wirehub has no counterpart for. */
    private static final Set<String> NOT_OFFERED = Set.of("system_account", "git_commit", "tls_peer_certs");

    private static NatsServerProcess nats;
    private static Wirehub wirehub;
    private static Connection natsClient;
    private static Connection wirehubClient;

    @BeforeAll
    static void start() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        nats = NatsServerProcess.start(null, true);
        wirehub = MonitoredServer.start();
        natsClient = connect(nats.url());
        wirehubClient = connect(wirehub.clientUrl());
        for (Connection c : new Connection[] {natsClient, wirehubClient}) {
            c.subscribe("diff.subject", "diff-queue");
            c.publish("diff.subject", new byte[] {1, 2, 3});
            c.flush(WAIT);
        }
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).connectionName("diff").build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (natsClient != null) {
            natsClient.close();
        }
        if (wirehubClient != null) {
            wirehubClient.close();
        }
        if (wirehub != null) {
            wirehub.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    private static JsonNode natsJson(String path) {
        return HttpGet.get(nats.monitoringUrl() + path).json();
    }

    private static JsonNode wirehubJson(String path) {
        return HttpGet.get(wirehub.monitoringUrl() + path).json();
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertSameFields(String what, JsonNode fromNats, JsonNode fromWirehub) {
        Set<String> missing = fields(fromNats);
        missing.removeAll(fields(fromWirehub));
        missing.removeAll(NOT_OFFERED);
        assertThat(missing).as("%s fields nats-server has and Wirehub lacks%nnats-server: %s%nWirehub: %s", what,
                fromNats, fromWirehub).isEmpty();
    }

    @Test
    void varzHasEveryFieldOfNatsServers() {
        JsonNode fromNats = natsJson("/varz");
        JsonNode fromWirehub = wirehubJson("/varz");
        assertSameFields("/varz", fromNats, fromWirehub);
        for (String sameValue : new String[] {"proto", "max_connections", "ping_interval", "ping_max", "auth_timeout",
                "max_control_line", "max_payload", "max_pending", "tls_timeout", "write_deadline"}) {
            assertThat(fromWirehub.get(sameValue)).as(sameValue).isEqualTo(fromNats.get(sameValue));
        }
    }

    @Test
    void connzConnectionsHaveEveryFieldOfNatsServers() {
        JsonNode fromNats = natsJson("/connz?subs=detail");
        JsonNode fromWirehub = wirehubJson("/connz?subs=detail");
        assertSameFields("/connz", fromNats, fromWirehub);
        JsonNode natsConnection = fromNats.get("connections").get(0);
        JsonNode wirehubConnection = fromWirehub.get("connections").get(0);
        assertSameFields("/connz connection", natsConnection, wirehubConnection);
        assertSameFields("/connz subscription detail", natsConnection.get("subscriptions_list_detail").get(0),
                wirehubConnection.get("subscriptions_list_detail").get(0));
        for (String sameValue : new String[] {"kind", "type", "in_msgs", "out_msgs", "in_bytes", "out_bytes",
                "subscriptions", "name", "lang"}) {
            assertThat(wirehubConnection.get(sameValue)).as(sameValue).isEqualTo(natsConnection.get(sameValue));
        }
    }

    @Test
    void subszAndRoutezAndHealthzMatch() {
        assertSameFields("/subsz", natsJson("/subsz?subs=1"), wirehubJson("/subsz?subs=1"));
        assertSameFields("/routez", natsJson("/routez"), wirehubJson("/routez"));
        assertThat(wirehubJson("/healthz")).isEqualTo(natsJson("/healthz"));
        JsonNode natsSub = findSubscription(natsJson("/subsz?subs=1&test=diff.subject"));
        JsonNode wirehubSub = findSubscription(wirehubJson("/subsz?subs=1&test=diff.subject"));
        assertSameFields("/subsz subscription", natsSub, wirehubSub);
        assertThat(wirehubSub.get("qgroup")).isEqualTo(natsSub.get("qgroup"));
        assertThat(wirehubSub.get("msgs")).isEqualTo(natsSub.get("msgs"));
    }

    /** The client's own subscription (nats-server also lists its internal $SYS ones). */
    private static JsonNode findSubscription(JsonNode subsz) {
        for (JsonNode sub : subsz.get("subscriptions_list")) {
            if (sub.get("subject").asText().equals("diff.subject")) {
                return sub;
            }
        }
        throw new AssertionError("diff.subject not listed: " + subsz);
    }
}
