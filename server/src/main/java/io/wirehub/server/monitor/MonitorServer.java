package io.wirehub.server.monitor;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.wirehub.server.config.MonitoringConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP monitoring port: nats-server's endpoints (/varz, /connz, /subsz, /healthz, ...) under
 * its field names, Prometheus /metrics, and the live dashboard at /. One route table; each
 * endpoint builds a snapshot record and this class renders it (JSON, JSONP, text).
 *
 * <p>Requests run on virtual threads; nothing here touches the message path beyond reading
 * counters.
 */
public final class MonitorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorServer.class);
    public static final int BACKLOG = 64;
    /** A JSONP callback must be a plain JavaScript name: anything else would let a page inject script. */
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,63}");

    /** One request as an endpoint sees it. */
    record Request(QueryParams params, Headers headers, Instant now) {
    }

    @FunctionalInterface
    interface Endpoint {
        Response answer(Request request);
    }

    private final ServerView server;
    private final HttpServer http;
    private final ExecutorService executor;
    private final DashboardSampler sampler;
    private final ScheduledFuture<?> sampling;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /** Requests per endpoint path, for /varz's http_req_stats. Thread-safe: concurrent map of adders. */
    private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();
    private final ExpositionFormats formats = ExpositionFormats.init();
    /** This server's metrics, read from it at each scrape. */
    private final PrometheusRegistry registry;

    private MonitorServer(ServerView server, HttpServer http, ScheduledExecutorService timer) {
        this.server = server;
        this.http = http;
        this.sampler = new DashboardSampler(server);
        this.registry = MetricsExport.registry(server);
        String serverId = server.description().serverId();
        String serverName = server.description().serverName();
        endpoints.put("/varz", r -> Response.json(VarzBuilder.build(server, port(), requestStats(), r.now())));
        endpoints.put("/connz", r -> Response.json(new ConnzQuery(r.params()).answer(server, r.now())));
        Endpoint subsz = r -> Response.json(new SubszQuery(r.params()).answer(server, r.now()));
        endpoints.put("/subsz", subsz);
        endpoints.put("/subscriptionsz", subsz);
        endpoints.put("/routez", r -> Response.json(ordered("server_id", serverId, "server_name",
                serverName, "now", r.now().toString(), "num_routes", 0, "routes", List.of())));
        endpoints.put("/gatewayz", r -> Response.json(ordered("server_id", serverId, "now",
                r.now().toString(), "outbound_gateways", Map.of(), "inbound_gateways", Map.of())));
        endpoints.put("/leafz", r -> Response.json(Leafz.answer(server, r.params(), r.now())));
        endpoints.put("/healthz", r -> health());
        endpoints.put("/jsz", r -> Response.json(Jsz.answer(server, r.params(), r.now())));
        endpoints.put("/accountz", r -> Response.json(AccountDocuments.accountz(server, r.params().get("acc"), r.now())));
        endpoints.put("/accstatz", r -> Response.json(AccountDocuments.statz(server, List.of(), r.params().bool("unused"),
                r.now())));
        endpoints.put("/metrics", this::metrics);
        endpoints.put("/dashboardz", r -> Response.json(200, sampler.dashboard(r.now())));
        endpoints.put("/stacksz", r -> Response.text(200, ThreadDump.text()));
        for (String path : StaticResources.paths()) {
            endpoints.put(path, r -> StaticResources.load(path));
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        sampler.sample();
        this.sampling = timer.scheduleAtFixedRate(this::sampleQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Binds the monitoring port and starts serving.
     *
     * @throws IOException when the address cannot be bound
     */
    public static MonitorServer start(MonitoringConfig config, ServerView server, ScheduledExecutorService timer)
            throws IOException {
        int port = config.port() < 0 ? 0 : config.port();
        return start(HttpServer.create(new InetSocketAddress(config.host(), port), BACKLOG), server, timer);
    }

    /** Starts serving on an HTTP server already bound (to a socket bound before the JVM started). */
    public static MonitorServer start(HttpServer http, ServerView server, ScheduledExecutorService timer) {
        MonitorServer monitor = new MonitorServer(server, http, timer);
        http.start();
        return monitor;
    }

    /** The port actually bound. */
    public int port() {
        return http.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void sampleQuietly() {
        try {
            sampler.sample();
        } catch (RuntimeException e) {
            // A failed sample leaves a gap in the charts; the timer must keep running.
            LOG.warn("Dashboard sample failed: {}", e.toString());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Endpoint endpoint = endpoints.get(path);
            Response response;
            if (endpoint == null) {
                response = Response.text(404, "404 page not found\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = Response.text(405, "method not allowed\n");
            } else {
                requestCounts.computeIfAbsent(path, p -> new LongAdder()).increment();
                response = answer(endpoint, exchange);
            }
            send(exchange, response, method.equals("HEAD"));
        }
    }

    private Response answer(Endpoint endpoint, HttpExchange exchange) {
        try {
            QueryParams params = new QueryParams(exchange.getRequestURI().getRawQuery());
            Response response = endpoint.answer(new Request(params, exchange.getRequestHeaders(), Instant.now()));
            String callback = params.get("callback");
            if (!callback.isEmpty() && response.json()) {
                if (!CALLBACK.matcher(callback).matches()) {
                    return Response.text(400, "invalid callback name\n");
                }
                byte[] body = (callback + "(" + new String(response.body(), StandardCharsets.UTF_8) + ")")
                        .getBytes(StandardCharsets.UTF_8);
                return new Response(response.status(), "application/javascript", body, false);
            }
            return response;
        } catch (BadRequest e) {
            return Response.text(400, e.getMessage() + "\n");
        } catch (RuntimeException e) {
            LOG.warn("Monitoring request {} failed", exchange.getRequestURI(), e);
            return Response.text(500, "internal error: " + e + "\n");
        }
    }

    private static void send(HttpExchange exchange, Response response, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Access-Control-Allow-Origin", "*");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-cache");
        if (response.contentType().startsWith("text/html")) {
            // The dashboard loads only its own files: nothing from elsewhere, no inline script.
            headers.set("Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:");
        }
        if (head) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    /** 200 {"status":"ok"}; 503 with the reason while starting, in lame duck mode or shutting down. */
    private Response health() {
        String reason = server.unhealthyReason();
        if (reason == null) {
            return Response.json(200, Map.of("status", "ok"));
        }
        return Response.json(503, ordered("status", "unavailable", "error", reason));
    }

    private Response metrics(Request request) {
        String accept = request.headers().getFirst("Accept");
        ExpositionFormatWriter writer = formats.findWriter(accept);
        List<MetricSnapshot> snapshots = new ArrayList<>();
        registry.scrape().forEach(snapshots::add);
        JvmRegistry.get().scrape().forEach(snapshots::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, new MetricSnapshots(snapshots), EscapingScheme.fromAcceptHeader(accept));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render metrics", e);
        }
        return new Response(200, writer.getContentType(), out.toByteArray(), false);
    }

    private Map<String, Long> requestStats() {
        Map<String, Long> stats = new TreeMap<>();
        requestCounts.forEach((path, count) -> stats.put(path, count.sum()));
        return stats;
    }

    /** A JSON object whose keys keep the order given (nats-server's struct field order). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Stops serving and sampling; requests in progress get up to a second to finish. */
    @Override
    public void close() {
        sampling.cancel(false);
        http.stop(1);
        executor.shutdownNow();
    }
}
