package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.NatsServerProcess;
import io.wirehub.testkit.internal.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The multi-tenant pull set-up, side by side with nats-server 2.9.10: account JS holds the stream
 * and durable pull consumers and exports their {@code CONSUMER.MSG.NEXT} (one export with
 * {@code response: stream}, one singleton) and their acks; account APP imports them and pulls:
 * a raw MSG.NEXT request with a batch and an expiry, acks with a reply (confirmed), a no_wait
 * request on the drained consumer, the consumer's ack floor seen from JS, and jnats's own fetch
 * with the imported API prefix. What each server delivers to APP must be the same.
 */
class PullThroughImportDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String ACCOUNTS = """
            accounts {
              JS: {
                users: [ {user: js, password: js} ]
                jetstream: enabled
                exports: [
                  {service: "$JS.API.CONSUMER.MSG.NEXT.S.STREAMED", response: stream}
                  {service: "$JS.API.CONSUMER.MSG.NEXT.S.SINGLE"}
                  {service: "$JS.API.CONSUMER.MSG.NEXT.S.FETCHED", response: stream}
                  {service: "$JS.ACK.S.STREAMED.>"}
                  {service: "$JS.ACK.S.SINGLE.>"}
                  {service: "$JS.ACK.S.FETCHED.>"}
                ]
              }
              APP: {
                users: [ {user: app, password: app} ]
                imports: [
                  {service: {account: JS, subject: "$JS.API.CONSUMER.MSG.NEXT.S.STREAMED"}}
                  {service: {account: JS, subject: "$JS.API.CONSUMER.MSG.NEXT.S.SINGLE"}}
                  {service: {account: JS, subject: "$JS.API.CONSUMER.MSG.NEXT.S.FETCHED"},
                   to: "app.js.CONSUMER.MSG.NEXT.S.FETCHED"}
                  {service: {account: JS, subject: "$JS.ACK.S.STREAMED.>"}}
                  {service: {account: JS, subject: "$JS.ACK.S.SINGLE.>"}}
                  {service: {account: JS, subject: "$JS.ACK.S.FETCHED.>"}}
                ]
              }
            }
            """;

    private static final String[] SETUP = {
        "$JS.API.STREAM.CREATE.S|{\"name\":\"S\",\"subjects\":[\"s.>\"],\"storage\":\"memory\"}",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.STREAMED|{\"stream_name\":\"S\",\"config\":{\"durable_name\":"
            + "\"STREAMED\",\"ack_policy\":\"explicit\"}}",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.SINGLE|{\"stream_name\":\"S\",\"config\":{\"durable_name\":"
            + "\"SINGLE\",\"ack_policy\":\"explicit\"}}",
        "$JS.API.CONSUMER.DURABLE.CREATE.S.FETCHED|{\"stream_name\":\"S\",\"config\":{\"durable_name\":"
            + "\"FETCHED\",\"ack_policy\":\"explicit\"}}",
    };

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    private static String describe(Message m) {
        if (m.isStatusMessage()) {
            TreeMap<String, List<String>> headers = new TreeMap<>();
            if (m.getHeaders() != null) {
                m.getHeaders().entrySet().forEach(e -> headers.put(e.getKey(), e.getValue()));
            }
            return "status " + m.getStatus().getCode() + " " + m.getStatus().getMessage() + " " + headers;
        }
        String ack = m.getReplyTo() == null ? "-" : String.join(".", List.of(m.getReplyTo().split("\\.")).subList(0, 7));
        return "msg " + m.getSubject() + " " + text(m) + " " + ack;
    }

    /** The answers to one request on {@code sub}, up to a status other than 100 or a quiet spell. */
    private static List<Message> answers(Subscription sub, Duration quiet) throws InterruptedException {
        List<Message> got = new ArrayList<>();
        while (true) {
            Message m = sub.nextMessage(quiet);
            if (m == null) {
                return got;
            }
            got.add(m);
            if (m.isStatusMessage() && m.getStatus().getCode() != 100) {
                return got;
            }
        }
    }

    private static String ackFloor(Connection js, String consumer) throws Exception {
        String info = text(js.request("$JS.API.CONSUMER.INFO.S." + consumer, new byte[0], WAIT));
        int at = info.indexOf("\"ack_floor\"");
        String floor = info.substring(at, info.indexOf('}', at) + 1).replaceAll(",\"last_active\":\"[^\"]*\"", "");
        return floor + " " + info.replaceAll(".*(\"num_ack_pending\":\\d+).*", "$1")
                + " " + info.replaceAll(".*(\"num_waiting\":\\d+).*", "$1");
    }

    /** {@link #ackFloor} once it shows {@code state}: the consumer's thread has caught up. */
    private static String ackFloorOnce(Connection js, String consumer, String state) {
        return Await.value(WAIT, () -> {
            try {
                return ackFloor(js, consumer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, floor -> floor.contains(state), consumer + " with " + state);
    }

    private static List<String> run(Connection js, Connection app) throws Exception {
        for (String step : SETUP) {
            String[] p = step.split("\\|", 2);
            Message reply = js.request(p[0], p[1].getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(reply).as(step).isNotNull();
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(js.request("s." + i, ("m" + i).getBytes(StandardCharsets.UTF_8), WAIT)).isNotNull();
        }
        List<String> seen = new ArrayList<>();
        int n = 0;
        for (String consumer : List.of("STREAMED", "SINGLE")) {
            String next = "$JS.API.CONSUMER.MSG.NEXT.S." + consumer;
            String inbox = "_INBOX.app." + n++;
            Subscription sub = app.subscribe(inbox);
            app.flush(WAIT);
            app.publish(next, inbox, "{\"batch\":5,\"expires\":1000000000}".getBytes(StandardCharsets.UTF_8));
            seen.add(consumer + " batch 5 expires 1s");
            List<Message> got = answers(sub, Duration.ofMillis(2500));
            got.forEach(m -> seen.add("  " + describe(m)));
            for (Message m : got) {
                if (!m.isStatusMessage()) {
                    Message ok = app.request(m.getReplyTo(), "+ACK".getBytes(StandardCharsets.UTF_8), WAIT);
                    seen.add("  ack " + (ok == null ? "not confirmed" : "confirmed '" + text(ok) + "'"));
                }
            }
            app.publish(next, inbox, "{\"batch\":5,\"no_wait\":true}".getBytes(StandardCharsets.UTF_8));
            seen.add(consumer + " batch 5 no_wait");
            answers(sub, Duration.ofMillis(1000)).forEach(m -> seen.add("  " + describe(m)));
            app.publish(next, inbox, "{\"batch\":1,\"expires\":300000000}".getBytes(StandardCharsets.UTF_8));
            seen.add(consumer + " batch 1 expires 300ms");
            answers(sub, Duration.ofMillis(1500)).forEach(m -> seen.add("  " + describe(m)));
            sub.unsubscribe();
            seen.add(consumer + " info " + ackFloor(js, consumer));
        }
        // jnats's fetch, pointed at the imported API subjects by the options' prefix.
        JetStream jetStream = app.jetStream(JetStreamOptions.builder().prefix("app.js.").build());
        JetStreamSubscription pull = jetStream.subscribe(null, PullSubscribeOptions.fastBind("S", "FETCHED"));
        List<Message> fetched = pull.fetch(5, Duration.ofSeconds(1));
        seen.add("FETCHED fetch 5: " + fetched.size());
        for (Message m : fetched) {
            seen.add("  " + describe(m));
            m.ackSync(WAIT);
            seen.add("  ackSync done");
        }
        seen.add("FETCHED fetch 5 again: " + pull.fetch(5, Duration.ofMillis(500)).size());
        pull.unsubscribe();
        seen.add("FETCHED info " + ackFloor(js, "FETCHED"));
        // A requester that stops listening: the request dies with its interest in APP (nats-server
        // sends the import's reply a 408 Interest Expired nobody gets), and s.4 waits for the next.
        Subscription gone = app.subscribe("_INBOX.app.gone");
        app.flush(WAIT);
        app.publish("$JS.API.CONSUMER.MSG.NEXT.S.STREAMED", "_INBOX.app.gone",
                "{\"batch\":1,\"expires\":5000000000}".getBytes(StandardCharsets.UTF_8));
        app.flush(WAIT);
        seen.add("STREAMED waiting " + ackFloorOnce(js, "STREAMED", "\"num_waiting\":1"));
        gone.unsubscribe();
        app.flush(WAIT);
        assertThat(js.request("s.4", "m4".getBytes(StandardCharsets.UTF_8), WAIT)).isNotNull();
        seen.add("STREAMED after s.4 " + ackFloorOnce(js, "STREAMED", "\"num_waiting\":0"));
        Subscription again = app.subscribe("_INBOX.app.again");
        app.flush(WAIT);
        app.publish("$JS.API.CONSUMER.MSG.NEXT.S.STREAMED", "_INBOX.app.again",
                "{\"batch\":2,\"no_wait\":true}".getBytes(StandardCharsets.UTF_8));
        seen.add("STREAMED batch 2 no_wait");
        answers(again, Duration.ofMillis(1000)).forEach(m -> seen.add("  " + describe(m)));
        return seen;
    }

    @Test
    void appPullsAndAcksThroughImportsAsWithNatsServer() throws Exception {
        TestTools.require("nats-server", NatsServerProcess.binary());
        Path ourConfig = Files.createTempFile("wirehub-pull-import-", ".conf");
        Files.writeString(ourConfig, ACCOUNTS + "jetstream { store_dir: \""
                + Files.createTempDirectory("pull-import-w-") + "\" }\n");
        try (NatsServerProcess nats = NatsServerProcess.start(ACCOUNTS, false,
                List.of("-js", "-sd", Files.createTempDirectory("pull-import-n-").toString()));
             Wirehub server = Wirehub.start(ConfigFileLoader.load(ourConfig).builder().host("127.0.0.1").port(0).build());
             Connection theirJs = Nats.connect("nats://js:js@127.0.0.1:" + nats.port());
             Connection theirApp = Nats.connect("nats://app:app@127.0.0.1:" + nats.port());
             Connection ourJs = Nats.connect("nats://js:js@127.0.0.1:" + server.port());
             Connection ourApp = Nats.connect("nats://app:app@127.0.0.1:" + server.port())) {
            List<String> expected = run(theirJs, theirApp);
            List<String> actual = run(ourJs, ourApp);
            assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
            assertThat(expected).contains("  msg s.3 m3 $JS.ACK.S.STREAMED.1.3.3", "  ack confirmed ''",
                    "  status 404 No Messages {}", "FETCHED fetch 5: 3", "  msg s.4 m4 $JS.ACK.S.STREAMED.1.4.4");
            // Singleton: the first message gets through, the import's route ends, the rest are lost.
            assertThat(expected).doesNotContain("  msg s.2 m2 $JS.ACK.S.SINGLE.1.2.2");
        }
    }
}
