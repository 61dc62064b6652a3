package io.wirehub.server.it.leaf;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.HttpGet;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.time.Duration;
import java.util.Arrays;

/**
 * A bounded side-by-side probe (not a test): request-reply round trips across a leaf link, a jnats
 * requester on the leaf and the responder on a nats-server hub, with Wirehub and then nats-server
 * 2.9.10 as the leaf. Prints median, p99 and mean in microseconds; with {@code baseline}, first
 * the same round trip on one server of each kind.
 *
 * <p>Run: {@code java -cp <testkit test classpath> io.wirehub.server.it.leaf.LeafLatencyProbe [requests [baseline]]}
 */
public final class LeafLatencyProbe {
    private LeafLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        if (args.length > 1 && args[1].equals("baseline")) {
            baselines(requests);
        }
        int leafPort = LeafHubFixture.freePort();
        try (NatsServerProcess hub = NatsServerProcess.start("server_name: HUB\nleafnodes { listen: \"127.0.0.1:"
                + leafPort + "\" }\n", true);
             Connection responder = Nats.connect(new Options.Builder().server(hub.url()).build())) {
            Dispatcher replies = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData()));
            replies.subscribe("svc");
            responder.flush(Duration.ofSeconds(5));
            String remote = "leafnodes { remotes [ { url: \"nats-leaf://127.0.0.1:" + leafPort + "\" } ] }\n";
            try (Wirehub wirehub = LeafHubFixture.startWirehub("server_name: WLEAF\nhttp: \"127.0.0.1:-1\"\n" + remote)) {
                HttpGet.jsonUntil(wirehub.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1, "link");
                System.out.println(line("wirehub leaf", measure(wirehub.clientUrl(), requests)));
            }
            try (NatsServerProcess leaf = NatsServerProcess.start("server_name: NLEAF\n" + remote, true)) {
                HttpGet.jsonUntil(leaf.monitoringUrl() + "/leafz", j -> j.path("leafnodes").asInt() == 1, "link");
                System.out.println(line("nats-server leaf", measure(leaf.url(), requests)));
            }
        }
    }

    /** The same round trip on one server, no link: what the link adds is the difference. */
    private static void baselines(int requests) throws Exception {
        try (Wirehub wirehub = LeafHubFixture.startWirehub("server_name: SOLO\n")) {
            System.out.println(line("wirehub alone", measureWithLocalResponder(wirehub.clientUrl(), requests)));
        }
        try (NatsServerProcess solo = NatsServerProcess.start("server_name: SOLO\n")) {
            System.out.println(line("nats-server alone", measureWithLocalResponder(solo.url(), requests)));
        }
    }

    private static long[] measureWithLocalResponder(String url, int requests) throws Exception {
        try (Connection responder = Nats.connect(new Options.Builder().server(url).build())) {
            responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData())).subscribe("svc");
            responder.flush(Duration.ofSeconds(5));
            return measure(url, requests);
        }
    }

    private static long[] measure(String url, int requests) throws Exception {
        try (Connection requester = Nats.connect(new Options.Builder().server(url).build())) {
            // The service's interest crosses the link after the link is up: wait until it answers.
            Await.until(Duration.ofSeconds(10), () -> {
                try {
                    return requester.request("svc", new byte[16], Duration.ofMillis(500)) != null;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "the service to answer across the link");
            byte[] payload = new byte[16];
            for (int i = 0; i < 2000; i++) { // warm-up: JIT on both sides
                requester.request("svc", payload, Duration.ofSeconds(2));
            }
            long[] micros = new long[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                Message reply = requester.request("svc", payload, Duration.ofSeconds(2));
                micros[i] = (System.nanoTime() - start) / 1000;
                if (reply == null) {
                    throw new IllegalStateException("no reply to request " + i);
                }
            }
            return micros;
        }
    }

    private static String line(String name, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format("%-18s requests=%d median=%dus p99=%dus mean=%.0fus", name, sorted.length,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], mean);
    }
}
