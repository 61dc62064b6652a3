package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The interest a spoke makes the hub hold is bounded by max_subscriptions (the server's, the
 * account's, the user JWT's: nats-server applyAccountLimits for a leaf): past it each LS+ gets
 * {@code -ERR 'maximum subscriptions exceeded'} and is dropped, and the link stays up.
 */
class LeafInterestLimitTest {

    @Test
    void theServersMaxSubscriptionsBoundsASpokesInterestAsOnNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        String config = "max_subscriptions: 3\n";
        List<String> theirs = transcript(config, true);
        List<String> ours = transcript(config, false);
        assertThat(ours).isEqualTo(theirs).containsExactly(
                "-ERR 'maximum subscriptions exceeded'", "-ERR 'maximum subscriptions exceeded'", "PONG");
    }

    @Test
    void theAccountsLimitBoundsItToo() throws Exception {
        int leafPort = LeafHubFixture.freePort();
        try (Wirehub hub = LeafHubFixture.startWirehub("http: \"127.0.0.1:-1\"\nleafnodes { listen: \"127.0.0.1:"
                + leafPort + "\", authorization { users [ {user: leaf, password: s3cr3t, account: APP} ] } }\n"
                + "accounts { APP { users [ {user: a, password: b} ], limits { max_subscriptions: 2 } } }\n");
             RawSpoke raw = new RawSpoke(leafPort)) {
            raw.send("CONNECT {\"user\":\"leaf\",\"pass\":\"s3cr3t\",\"name\":\"RAW\"}");
            raw.next("INFO");
            raw.send("LS+ a");
            raw.send("LS+ b");
            raw.send("LS+ c");
            assertThat(raw.next("-ERR")).isEqualTo("-ERR 'maximum subscriptions exceeded'");
            raw.send("PING");
            assertThat(raw.next("PONG")).isEqualTo("PONG");
            assertThat(HttpGet.get(hub.monitoringUrl() + "/leafz?subs=1").json().path("leafs").get(0)
                    .path("subscriptions_list").toString()).contains("\"a\"", "\"b\"").doesNotContain("\"c\"");
        }
    }

    /** A raw spoke subscribes five subjects, then pings: the -ERRs and the PONG it gets. */
    private static List<String> transcript(String config, boolean natsServer) throws Exception {
        int leafPort = LeafHubFixture.freePort();
        String text = config + "leafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n";
        NatsServerProcess theirs = natsServer ? NatsServerProcess.start(text) : null;
        Wirehub ours = natsServer ? null : LeafHubFixture.startWirehub(text);
        try (RawSpoke raw = new RawSpoke(leafPort)) {
            raw.send("CONNECT {\"name\":\"RAW\"}");
            raw.next("INFO");
            for (String subject : new String[] {"s1", "s2", "s3", "s4", "s5"}) {
                raw.send("LS+ " + subject);
            }
            raw.send("PING");
            List<String> seen = new ArrayList<>();
            for (String line = raw.next("-ERR", "PONG"); line != null; line = raw.next("-ERR", "PONG")) {
                seen.add(line);
                if (line.equals("PONG")) {
                    break;
                }
            }
            return seen;
        } finally {
            if (theirs != null) {
                theirs.close();
            }
            if (ours != null) {
                ours.close();
            }
        }
    }
}
