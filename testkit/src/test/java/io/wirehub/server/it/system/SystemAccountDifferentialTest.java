package io.wirehub.server.it.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.JsonShape;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The system account's events and answers side by side with nats-server (the same config): each
 * document must have the fields nats-server's has, with the same JSON types. The reference binary
 * is nats-server 2.9.10; fields 2.10 added (listed in {@link #NEWER_THAN_2_9}) may be ours alone.
 */
class SystemAccountDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * Fields nats-server 2.10 writes that 2.9.10 did not: events.go's ClientInfo kind and
     * client_type, ServerInfo flags, and AccountStat's num_subscriptions (in STATZ and CONNS).
     */
    private static final Set<String> NEWER_THAN_2_9 = Set.of(
            "client.kind", "client.client_type", "server.flags", "num_subscriptions",
            "account_statz[].num_subscriptions");
    /** The same, also where a ServerAPIResponse nests them under "data". */
    private static final Set<String> OURS_ALONE = Stream.concat(NEWER_THAN_2_9.stream(),
            NEWER_THAN_2_9.stream().map(f -> "data." + f)).collect(Collectors.toSet());

    @Test
    void eventsAndAnswersHaveNatsServersFields() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        Map<String, JsonNode> ours;
        try (Wirehub server = SystemAccountTest.start()) {
            ours = collect(server.clientUrl());
        }
        Map<String, JsonNode> theirs;
        try (NatsServerProcess nats = NatsServerProcess.start(SystemAccountTest.CONFIG)) {
            theirs = collect(nats.url());
        }
        List<String> problems = new ArrayList<>();
        for (String name : theirs.keySet()) {
            problems.addAll(JsonShape.differences(name, ours.get(name), theirs.get(name), OURS_ALONE));
        }
        assertThat(problems).as("differences from nats-server").isEmpty();
        assertThat(ours.keySet()).containsAll(theirs.keySet()).contains("USER.INFO", "CONNECT", "DISCONNECT");
    }

    /** The events and answers of one scenario, by name. */
    private static Map<String, JsonNode> collect(String url) throws Exception {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        try (Connection sys = SystemAccountTest.connect(url, "sys", "watcher")) {
            Subscription events = sys.subscribe("$SYS.ACCOUNT.A.>");
            sys.flush(WAIT);
            try (Connection a = SystemAccountTest.connect(url, "a", "alice")) {
                a.subscribe("orders.*");
                a.publish("work", "hello".getBytes(StandardCharsets.UTF_8));
                a.flush(WAIT);
                put(docs, "USER.INFO", ask(a, "$SYS.REQ.USER.INFO", ""));
                put(docs, "PING.CONNZ from A", ask(a, "$SYS.REQ.SERVER.PING.CONNZ", ""));
                put(docs, "PING", ask(sys, "$SYS.REQ.SERVER.PING", ""));
                put(docs, "PING.STATSZ", ask(sys, "$SYS.REQ.SERVER.PING.STATSZ", ""));
                put(docs, "PING.CONNZ", ask(sys, "$SYS.REQ.SERVER.PING.CONNZ",
                        "{\"acc\":\"A\"}"));
                put(docs, "PING.SUBSZ", ask(sys, "$SYS.REQ.SERVER.PING.SUBSZ", ""));
                put(docs, "PING.HEALTHZ", ask(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", ""));
                put(docs, "PING.IDZ", ask(sys, "$SYS.REQ.SERVER.PING.IDZ", ""));
                put(docs, "PING.ACCOUNTZ", ask(sys, "$SYS.REQ.SERVER.PING.ACCOUNTZ", ""));
                put(docs, "ACCOUNT.A.CONNZ", ask(sys, "$SYS.REQ.ACCOUNT.A.CONNZ", ""));
                put(docs, "ACCOUNT.A.SUBSZ", ask(sys, "$SYS.REQ.ACCOUNT.A.SUBSZ", ""));
                put(docs, "ACCOUNT.A.STATZ", ask(sys, "$SYS.REQ.ACCOUNT.A.STATZ", ""));
                put(docs, "ACCOUNT.NOPE.INFO", ask(sys, "$SYS.REQ.ACCOUNT.NOPE.INFO", ""));
                put(docs, "ACCOUNT.A.CONNS", ask(sys, "$SYS.REQ.ACCOUNT.A.CONNS", ""));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!docs.containsKey("DISCONNECT") && System.nanoTime() < deadline) {
                Message m = events.nextMessage(WAIT);
                if (m != null) {
                    String kind = m.getSubject().substring("$SYS.ACCOUNT.A.".length());
                    docs.putIfAbsent(kind, SystemAccountTest.json(m));
                }
            }
        }
        return docs;
    }

    /**
     * A request's answer, or null when none came: nats-server 2.9.10 does not export
     * $SYS.REQ.USER.INFO to other accounts yet (2.10 does), so there it stays unanswered.
     */
    private static JsonNode ask(Connection nc, String subject, String body) throws Exception {
        Message answer = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
        return answer == null ? null : SystemAccountTest.json(answer);
    }

    private static void put(Map<String, JsonNode> docs, String name, JsonNode doc) {
        if (doc != null) {
            docs.put(name, doc);
        }
    }
}
