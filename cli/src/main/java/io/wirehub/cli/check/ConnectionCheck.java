package io.wirehub.cli.check;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.NUID;
import io.nats.client.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nats server check connection}'s three figures: how long connecting takes (TCP, INFO,
 * CONNECT and the first PING/PONG), the round trip of a PING, and a request-reply round trip
 * through the server on a subject of its own (the check answers its own request, so no service
 * has to be running).
 */
public final class ConnectionCheck {
    /** Thresholds of one figure. */
    public record Thresholds(Duration warning, Duration critical) {
    }

    private final Thresholds connect;
    private final Thresholds rtt;
    private final Thresholds request;

    public ConnectionCheck(Thresholds connect, Thresholds rtt, Thresholds request) {
        this.connect = connect;
        this.rtt = rtt;
        this.request = request;
    }

    public CheckResult run(Options options, String server, Duration timeout) {
        List<Measurement> figures = new ArrayList<>();
        List<String> critical = new ArrayList<>();
        try {
            // A first connection loads the client's code, so the timed one measures the server
            // and the network rather than this JVM starting up.
            Nats.connect(options).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult("Connection", server, figures, List.of("interrupted"), List.of());
        } catch (Exception e) {
            critical.add("connection failed: " + describe(e));
            return new CheckResult("Connection", server, figures, critical, List.of());
        }
        long start = System.nanoTime();
        try (Connection nc = Nats.connect(options)) {
            Duration connectTime = Duration.ofNanos(System.nanoTime() - start);
            figures.add(new Measurement("connect_time", "connected to " + nc.getConnectedUrl(), connectTime,
                    connect.warning(), connect.critical()));
            figures.add(new Measurement("rtt", "rtt", nc.RTT(), rtt.warning(), rtt.critical()));
            Duration roundTrip = requestRoundTrip(nc, timeout);
            if (roundTrip == null) {
                critical.add("no reply to a request within " + timeout.toMillis() + "ms");
            } else {
                figures.add(new Measurement("request_time", "request round trip", roundTrip, request.warning(),
                        request.critical()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            critical.add("interrupted");
        } catch (Exception e) {
            critical.add("connection failed: " + describe(e));
        }
        return new CheckResult("Connection", server, figures, critical, List.of());
    }

    /** Sends a request to a subject this connection answers itself; null when no reply came in time. */
    private static Duration requestRoundTrip(Connection nc, Duration timeout) throws Exception {
        String subject = "_WIREHUB.check." + NUID.nextGlobal();
        Dispatcher responder = nc.createDispatcher(msg -> nc.publish(msg.getReplyTo(), msg.getData()));
        responder.subscribe(subject);
        nc.flush(timeout);
        long sent = System.nanoTime();
        Message reply = nc.request(subject, "check".getBytes(java.nio.charset.StandardCharsets.UTF_8), timeout);
        long took = System.nanoTime() - sent;
        nc.closeDispatcher(responder);
        return reply == null ? null : Duration.ofNanos(took);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
