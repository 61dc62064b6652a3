package io.wirehub.server.leaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.config.PermissionsConfig;
import io.wirehub.server.protocol.LeafWire;
import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.routing.PublishedMessage;
import io.wirehub.server.routing.PublisherState;
import io.wirehub.server.routing.RemoteSink;
import io.wirehub.server.stats.LeafConnectionSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a hub, as a nats-server spoke makes it (leafnode.go): dial, read INFO, send
 * CONNECT, wait for the {@code connect_info} INFO, announce local interest, then carry LS+/LS-,
 * LMSG/HMSG and PING/PONG both ways until either side closes.
 *
 * <p>Threads: {@link #run} is the reader (the remote's dialling thread); a writer thread drains
 * {@link #outbound}; a pinger thread sends PINGs. The hub's interest ({@link #hubInterest}) and
 * the routing state are confined to the reader. Publishers call {@link #forward} on their own
 * threads; it only reads immutable or volatile state and appends to {@link #outbound}.
 */
final class LeafSession implements RemoteSink, LocalInterest.Announcer {
    private static final Logger LOG = LoggerFactory.getLogger(LeafSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** nats-server DEFAULT_ROUTE_DIAL. */
    private static final int DIAL_TIMEOUT_MILLIS = 1000;
    /** nats-server connectProcessTimeout: the wait for the connect_info INFO. */
    private static final int CONNECT_PROCESS_MILLIS = 2000;
    /** How long a closing session waits for its writer to put the queued bytes on the wire. */
    private static final long WRITER_DRAIN_MILLIS = 1000;
    /** nats-server firstPingInterval. */
    private static final Duration FIRST_PING = Duration.ofSeconds(1);

    /** How a connection ended, which decides the wait before the next. */
    enum Outcome { NOT_CONNECTED, ENDED, LOOP }

    private final LeafLinkSettings settings;
    /** The hub's URL; null on a connection this server accepted (it is the hub there). */
    private final URI url;
    /** Where the hub's gossiped leafnode_urls go; null on an accepted connection. */
    private final HubUrls urls;
    /** The spoke's handshake; null on a connection this server dialled. */
    private final SpokeHandshake.Joined joined;
    /** This server's INFO as a hub; null on a connection this server dialled. */
    private final HubInfo hubInfo;
    /** Local interest announced on this link: the remote's, shared by its connections, or this connection's own. */
    private final LocalInterest interest;
    private final long id;
    private final LeafOutbound outbound;
    private final PublisherState publisherState = new PublisherState(this);
    private final PublishedMessage message = new PublishedMessage();
    private final PublishArgs args = new PublishArgs();
    /** The hub's LS+ as subscriptions in the local router. */
    private final HubInterest hubInterest;
    private final AtomicInteger outstandingPings = new AtomicInteger();
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private final LongAdder inMessages = new LongAdder();
    private final LongAdder inBytes = new LongAdder();
    private final LongAdder outMessages = new LongAdder();
    private final LongAdder outBytes = new LongAdder();
    /** The connection's bytes: a socket, or a WebSocket's frames. */
    private volatile LeafStream stream;
    /** The pinger thread, once started; interrupted when the session ends. */
    private volatile Thread pinger;
    /** The write-deadline watcher, once the writer starts; interrupted when the session ends. */
    private volatile Thread watcher;
    /** The writer thread, once started; joined (briefly) when the session ends. */
    private volatile Thread writer;
    /** Set from the hub's INFO before interest is announced; read by publishers. */
    private volatile boolean hubHeaders;
    private volatile SubjectRules publishRules = SubjectRules.ANY;
    private volatile SubjectRules subscribeRules = SubjectRules.ANY;
    private volatile String hubName = "";
    private volatile String hubAccount = "";
    /**
     * The other side's cluster: a spoke's CONNECT {@code cluster}, a hub's INFO {@code cluster};
     * "" for none. Set before any of its interest enters the router, never changed after.
     */
    private volatile String remoteCluster = "";
    private volatile String remoteAddress = "";
    private volatile int remotePort;
    private volatile boolean established;
    /** Whether "maximum subscriptions exceeded" was logged; the reader's only. */
    private boolean maxSubscriptionsLogged;

    LeafSession(LeafLinkSettings settings, URI url, HubUrls urls, long id) {
        this.settings = settings;
        this.url = url;
        this.urls = urls;
        this.joined = null;
        this.hubInfo = null;
        this.interest = settings.interest();
        this.id = id;
        this.outbound = new LeafOutbound(settings.maxPending());
        this.hubInterest = new HubInterest(settings.router(), this);
    }

    /** A spoke that joined this server's leafnode port (this server is its hub), already admitted. */
    LeafSession(LeafLinkSettings settings, SpokeHandshake.Joined joined, HubInfo hubInfo, long id) {
        this.settings = settings;
        this.url = null;
        this.urls = null;
        this.joined = joined;
        this.hubInfo = hubInfo;
        this.remoteCluster = joined.connect().path("cluster").asText("");
        this.interest = LocalInterest.towardsSpoke(remoteCluster);
        this.id = id;
        this.outbound = new LeafOutbound(settings.maxPending());
        this.hubInterest = new HubInterest(settings.router(), this);
        this.stream = joined.stream();
        this.remoteAddress = joined.stream().remoteHost();
        this.remotePort = joined.stream().remotePort();
        // The leaf user's permissions, reversed as nats-server reverses them for a spoke
        // (processLeafnodeConnect): what the user may subscribe to is what may go down to the
        // spoke; what it may publish is the interest this hub announces to it.
        PermissionsConfig permissions = joined.admitted().permissions().config();
        // The spoke's deny_imports (CONNECT deny_pub) join what may not go down (mergeDenyPermissions).
        this.publishRules = rules(permissions.subscribe(), joined.connect().has("deny_pub")
                ? texts(joined.connect().get("deny_pub")) : List.of());
        this.subscribeRules = rules(permissions.publish(), List.of());
    }

    private static SubjectRules rules(PermissionsConfig.SubjectRules configured, List<String> moreDeny) {
        List<String> deny = new java.util.ArrayList<>(configured.deny());
        deny.addAll(moreDeny);
        return new SubjectRules(configured.allow(), deny);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Runs an accepted connection until it ends. Blocks. */
    void runAccepted() {
        try {
            accepted();
        } finally {
            finish();
            settings.router().index().removeListener(interest);
        }
    }

    /** Dials, runs the connection until it ends, and says how it ended. Blocks. */
    Outcome run(int attempt) {
        int port = port(url);
        try {
            Socket connected = new Socket();
            stream = LeafStream.of(connected);
            LOG.debug("Trying to connect as leafnode to remote server on \"{}:{}\"", url.getHost(), port);
            connected.connect(new InetSocketAddress(url.getHost(), port), DIAL_TIMEOUT_MILLIS);
            connected.setTcpNoDelay(true);
            remoteAddress = connected.getInetAddress().getHostAddress();
            remotePort = connected.getPort();
        } catch (IOException e) {
            LOG.error("Error trying to connect as leafnode to remote server \"{}:{}\" (attempt {}): {}", url.getHost(),
                    port, attempt, e.getMessage());
            closeSocket();
            return Outcome.NOT_CONNECTED;
        }
        if (webSocket()) {
            try {
                upgrade(port);
            } catch (IOException e) {
                LOG.error("{} - Error soliciting websocket connection: {}", this, e.getMessage());
                closeSocket();
                return Outcome.NOT_CONNECTED;
            }
        }
        try {
            return connected();
        } finally {
            finish();
        }
    }

    /** Whether this dialled link goes to a hub's WebSocket port ({@code ws://}, {@code wss://}). */
    private boolean webSocket() {
        return url != null && io.wirehub.server.config.LeafRemoteConfig.isWebSocket(url);
    }

    /**
     * The port a URL without one means: 7422 for the leaf protocol, 80 or 443 for a WebSocket
     * ({@code wss://}, or {@code ws://} with a {@code tls {}} block, is TLS).
     */
    private int port(URI target) {
        if (target.getPort() > 0) {
            return target.getPort();
        }
        if (io.wirehub.server.config.LeafRemoteConfig.isWebSocket(target)) {
            return webSocketTls() ? 443 : 80;
        }
        return io.wirehub.server.config.LeafRemoteConfig.DEFAULT_PORT;
    }

    private boolean webSocketTls() {
        return "wss".equalsIgnoreCase(url.getScheme()) || settings.tlsWanted();
    }

    /**
     * Turns the dialled socket into a WebSocket to the hub's {@code /leafnode}, as nats-server's
     * leafNodeSolicitWSConnection: TLS first for wss (or a tls block), then the upgrade, answered
     * within the first INFO timeout; frames are masked unless the hub agreed to
     * {@code ws_no_masking}.
     */
    private void upgrade(int port) throws IOException {
        Socket socket = stream.socket();
        if (webSocketTls()) {
            socket = settings.tls().handshake(socket, url.getHost(), remotePort);
            stream = LeafStream.of(socket);
        }
        socket.setSoTimeout((int) Math.max(settings.remote().firstInfoTimeout().toMillis(), 1000));
        String path = "/leafnode";
        String extra = url.getRawPath();
        if (extra != null && !extra.isEmpty()) {
            path += extra.startsWith("/") ? extra.substring(1) : extra;
        }
        io.wirehub.server.transport.websocket.WebSocketDial.Upgraded upgraded =
                io.wirehub.server.transport.websocket.WebSocketDial.upgrade(socket.getInputStream(),
                        socket.getOutputStream(), url.getHost() + ":" + port, path, settings.remote().wsNoMasking(),
                        settings.remote().wsCompression());
        socket.setSoTimeout(0);
        LOG.debug("{} - Leafnode compression={} masking={}", this, upgraded.compression(), !upgraded.noMasking());
        stream = new WebSocketLeafStream(io.wirehub.server.transport.websocket.WebSocketTransport.dialled(
                new WebSocketLeafStream.SocketTransport(socket), !upgraded.noMasking(), upgraded.compression(),
                (long) Math.max(settings.maxPayload(), 1 << 20) * 4 + (1 << 20)));
    }

    private void finish() {
        if (established) {
            settings.counters().connections.decrementAndGet();
        }
        outbound.close();
        awaitWriter(); // a last -ERR (a loop, a protocol error) reaches the other side before the close
        Thread ticking = pinger;
        if (ticking != null) {
            ticking.interrupt();
        }
        Thread watching = watcher;
        if (watching != null) {
            watching.interrupt();
        }
        interest.detach(this);
        hubInterest.clear();
        closeSocket();
    }

    /**
     * The hub's half after the spoke was admitted (nats-server leafnode.go, accept side): the
     * connect_info INFO, all interest and PINGs; then the same op loop as a spoke's.
     */
    private void accepted() {
        try {
            JsonNode connect = joined.connect();
            HubInput in = joined.in();
            startWriter(stream.output());
            hubName = connect.path("name").asText(connect.path("server_id").asText(""));
            hubHeaders = connect.path("headers").asBoolean(false);
            outbound.append(hubInfo.connectInfo(id, joined.nonce(), settings.remote().account(),
                    joined.admitted().permissions().config()));
            established = true;
            settings.counters().connects.increment();
            settings.counters().connections.incrementAndGet();
            LOG.info("{} - Leafnode connection created for account: {} ", this, settings.remote().account());
            settings.router().index().addListener(interest);
            announceAll();
            startPinger();
            readLoop(in);
        } catch (LeafProtocolException e) {
            sendError(e.getMessage());
            close(e.getMessage());
        } catch (SocketTimeoutException e) {
            sendError("Stale Connection");
            close("Stale Connection");
        } catch (IOException e) {
            close(closeReason.get() != null ? closeReason.get() : "Client Closed");
        } finally {
            if (established) {
                LOG.info("{} - Leafnode connection closed: {} - Account: {}", this, closeReason.get(),
                        settings.remote().account());
            }
        }
    }

    private Outcome connected() {
        try {
            HubInput in = new HubInput(stream.input(), Math.max(settings.maxControlLine(), 1 << 20));
            stream.readTimeout((int) settings.remote().firstInfoTimeout().toMillis());
            JsonNode info = firstInfo(in);
            if (info == null) {
                return Outcome.NOT_CONNECTED;
            }
            if (!webSocket() && (settings.tlsWanted() || info.path("tls_required").asBoolean(false))) {
                // nats-server: TLS when either side asks, after the hub's INFO (no handshake_first).
                // Over a WebSocket, TLS (wss) ran before the upgrade.
                stream = LeafStream.of(settings.tls().handshake(stream.socket(), url.getHost(), remotePort));
                in = new HubInput(stream.input(), Math.max(settings.maxControlLine(), 1 << 20));
            }
            byte[] connect;
            try {
                connect = ConnectMessage.line(settings, url, info.path("nonce").asText(null));
            } catch (IOException e) {
                LOG.error("{} - {}", this, e.getMessage()); // an unreadable or malformed creds file or seed
                close("Authentication Failure");
                return Outcome.NOT_CONNECTED;
            }
            startWriter(stream.output());
            outbound.append(connect);
            stream.readTimeout(CONNECT_PROCESS_MILLIS);
            if (!awaitConnectInfo(in)) {
                return Outcome.NOT_CONNECTED;
            }
            stream.readTimeout(0);
            established = true;
            settings.counters().connects.increment();
            settings.counters().connections.incrementAndGet();
            LOG.info("{} - Leafnode connection created for account: {} ", this, settings.remote().account());
            announceAll();
            startPinger();
            readLoop(in);
            return Outcome.ENDED;
        } catch (LoopDetected e) {
            return Outcome.LOOP;
        } catch (LeafProtocolException e) {
            sendError(e.getMessage());
            close(e.getMessage());
        } catch (javax.net.ssl.SSLException e) {
            LOG.error("{} - TLS handshake error: {}", this, e.getMessage());
            close("TLS Handshake Failure");
        } catch (SocketTimeoutException e) {
            close(established ? "Stale Connection" : "Stale Leaf Node Connection");
        } catch (IOException e) {
            close(closeReason.get() != null ? closeReason.get() : "Client Closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close("Server Shutdown");
        } finally {
            if (established) {
                LOG.info("{} - Leafnode connection closed: {} - Account: {}", this, closeReason.get(),
                        settings.remote().account());
            }
        }
        return established ? Outcome.ENDED : Outcome.NOT_CONNECTED;
    }

    /** The hub's first INFO, or null (logged) when this is not a leafnode port. */
    private JsonNode firstInfo(HubInput in) throws IOException {
        String line = in.readLine();
        if (!line.startsWith("INFO ")) {
            throw new LeafProtocolException("Unknown Protocol Operation");
        }
        JsonNode info = JSON.readTree(line.substring(5));
        if (info.path("client_id").asLong() == 0 || !info.has("leafnode_urls")) {
            LOG.error("{} - attempted to connect to wrong port", this);
            close("Wrong Port");
            return null;
        }
        hubName = info.path("server_name").asText(info.path("server_id").asText());
        remoteCluster = info.path("cluster").asText("");
        learnUrls(info);
        hubHeaders = info.path("headers").asBoolean(false);
        return info;
    }

    private void learnUrls(JsonNode info) {
        // nats-server updateLeafNodeURLs: a WebSocket remote learns the hub cluster's WebSocket URLs.
        JsonNode gossiped = info.get(webSocket() ? "ws_connect_urls" : "leafnode_urls");
        if (gossiped != null && gossiped.isArray()) {
            List<String> hostPorts = new java.util.ArrayList<>();
            gossiped.forEach(u -> hostPorts.add(u.asText()));
            urls.learn(hostPorts, url);
        }
    }

    /** Waits for the INFO carrying connect_info, answering PINGs; false when the hub said no. */
    private boolean awaitConnectInfo(HubInput in) throws IOException, InterruptedException {
        while (true) {
            String line = in.readLine();
            if (line.startsWith("INFO ")) {
                JsonNode info = JSON.readTree(line.substring(5));
                if (info.path("connect_info").asBoolean(false)) {
                    hubAccount = info.path("remote_account").asText("");
                    subscribeRules = SubjectRules.of(info.get("import"), settings.remote().denyImports());
                    publishRules = SubjectRules.of(info.get("export"), settings.remote().denyExports());
                    return true;
                }
            } else if (!handleControl(line)) {
                if (line.startsWith("LS+ ") || line.startsWith("LS- ") || line.startsWith("LMSG ")
                        || line.startsWith("HMSG ")) {
                    // A hub without info_on_connect: nothing more is coming; carry on.
                    handleOp(in, line);
                    return true;
                }
                throw new LeafProtocolException("Unknown Protocol Operation");
            }
        }
    }

    /** PING, PONG, +OK and -ERR; false for anything else. */
    private boolean handleControl(String line) throws IOException {
        if (line.equals("PING")) {
            outbound.append(PONG);
        } else if (line.equals("PONG")) {
            outstandingPings.set(0);
        } else if (line.equals("+OK")) {
            return true;
        } else if (line.startsWith("-ERR")) {
            String text = line.length() > 5 ? line.substring(5).replaceAll("^'|'$", "") : "";
            LOG.error("{} - Leafnode Error '{}'", this, text);
            if (text.contains("remote leafnode has same cluster name")) {
                LOG.error("{} - Leafnode connection dropped with same cluster name error. Delaying attempt to"
                        + " reconnect for 30s", this);
                close(text);
                throw new LoopDetected();
            }
            if (text.contains("Loop detected")) {
                close(text);
                throw new LoopDetected();
            }
            closeReason.compareAndSet(null, text);
            return true;
        } else {
            return false;
        }
        return true;
    }

    private void readLoop(HubInput in) throws IOException {
        while (true) {
            String line = in.readLine();
            if (!handleControl(line)) {
                handleOp(in, line);
            }
            if (in.drained()) {
                publisherState.flush();
            }
        }
    }

    private void handleOp(HubInput in, String line) throws IOException {
        try {
            if (line.startsWith("LMSG ")) {
                deliver(in, LeafWire.message(line.substring(5), false));
            } else if (line.startsWith("HMSG ")) {
                deliver(in, LeafWire.message(line.substring(5), true));
            } else if (line.startsWith("LS+ ")) {
                hubSubscribed(LeafWire.interest(line.substring(4), true));
            } else if (line.startsWith("LS- ")) {
                hubUnsubscribed(LeafWire.interest(line.substring(4), false));
            } else if (line.startsWith("INFO ")) {
                learnUrls(JSON.readTree(line.substring(5))); // async INFO: the hub cluster's leafnode URLs
            } else {
                throw new LeafProtocolException("Unknown Protocol Operation");
            }
        } catch (IllegalArgumentException e) {
            throw new LeafProtocolException(e.getMessage());
        }
    }

    private void deliver(HubInput in, LeafWire.MessageArgs parsed) throws IOException {
        if (parsed.totalLength() > settings.maxPayload()) {
            throw new LeafProtocolException("Maximum Payload Violation");
        }
        byte[] data = in.readPayload(parsed.totalLength());
        int headerLength = Math.max(parsed.headerLength(), 0);
        inMessages.increment();
        inBytes.add(parsed.totalLength());
        settings.counters().inMessages.increment();
        settings.counters().inBytes.add(parsed.totalLength());
        settings.stats().addIn(1, parsed.totalLength());
        args.compose(parsed.subject(), parsed.reply(), headerLength, parsed.totalLength());
        message.set(this, args, data, 0);
        message.resetStallBudget(0);
        settings.router().routeFromRemote(message, publisherState, parsed.queues());
    }

    private void hubSubscribed(LeafWire.Interest interest) throws IOException {
        if (interest.subject().equals(settings.loopSubject())) {
            String text = "Loop detected for leafnode account=\"" + settings.remote().account()
                    + "\". Delaying attempt to reconnect for 30s";
            LOG.error("{} - {}", this, text);
            sendError(text);
            close("Loop Detected");
            throw new LoopDetected();
        }
        if (joined != null && !permittedFromSpoke(interest.subject())) {
            // nats-server processLeafSub / leafPermViolation: a literal subject the leaf user may
            // not receive closes the link (a wildcard is kept; each message is checked instead).
            String text = "Permissions Violation for Subscription to \"" + interest.subject() + "\"";
            LOG.error("{} - Subscription Violation on \"{}\" - Check other side configuration", this,
                    interest.subject());
            throw new LeafProtocolException(text);
        }
        if (atSubscriptionLimit()) {
            // nats-server processLeafSub: the LS+ is dropped with an -ERR; the link stays up.
            if (!maxSubscriptionsLogged) {
                LOG.error("{} - maximum subscriptions exceeded", this);
                maxSubscriptionsLogged = true;
            }
            sendError("maximum subscriptions exceeded");
            return;
        }
        hubInterest.add(interest);
    }

    /**
     * Whether the other side's interest held for this link is at its limit (nats-server
     * subsAtLimit: every LS+ is refused there, a weight update too).
     */
    private boolean atSubscriptionLimit() {
        long limit = settings.maxSubscriptions().getAsInt();
        long user = joined == null ? -1 : joined.admitted().maxSubscriptions();
        if (user >= 0) {
            limit = limit < 0 ? user : Math.min(limit, user);
        }
        return limit >= 0 && hubInterest.size() >= limit;
    }

    private boolean permittedFromSpoke(String subject) {
        boolean literal = subject.indexOf('*') < 0 && subject.indexOf('>') < 0;
        return !literal || publishRules.permits(subject);
    }

    private void hubUnsubscribed(LeafWire.Interest interest) {
        hubInterest.remove(interest);
    }

    /** Sends this server's loop-detection subject and then all local interest. */
    private void announceAll() {
        outbound.append(LeafWire.subscribe(settings.loopSubject(), null, 0));
        interest.attach(this);
    }

    /** The interest this link announces (a remote's, shared by its connections, or this connection's own). */
    LocalInterest interest() {
        return interest;
    }

    /** Whether the other side dialled this server (this server is its hub). */
    boolean isAccepted() {
        return joined != null;
    }

    String remoteCluster() {
        return remoteCluster;
    }

    /**
     * Leafs never echo, and a message from a link to cluster C never goes to another link to C
     * (nats-server processMsgResults: cluster-wide no echo).
     */
    @Override
    public boolean isOriginOf(io.wirehub.server.routing.MessageSink from) {
        if (from == this) {
            return true;
        }
        return from instanceof LeafSession other && !remoteCluster.isEmpty()
                && remoteCluster.equals(other.remoteCluster);
    }

    @Override
    public void announce(String subject, String queue, int count) {
        // Loop-detection subjects travel whatever the permissions (nats-server sendLeafNodeSubUpdate).
        if (!subject.startsWith(LeafWire.LOOP_DETECTION_PREFIX) && !subscribeRules.permits(subject)) {
            return;
        }
        if (queue == null) {
            outbound.append(count > 0 ? LeafWire.subscribe(subject, null, 0) : LeafWire.unsubscribe(subject, null));
        } else {
            outbound.append(count > 0 ? LeafWire.subscribe(subject, queue, count) : LeafWire.unsubscribe(subject, queue));
        }
    }

    @Override
    public boolean forward(PublishedMessage published, boolean plain, List<String> queues) {
        if (!established) {
            return false;
        }
        SubjectRules rules = publishRules;
        if (!rules.allowsAll() && !rules.permits(published.subject())) {
            return false;
        }
        PublishArgs message = published.args();
        int headerLength = message.headerLength();
        int total = message.totalLength();
        int offset = published.dataOffset();
        int lineHeaders;
        if (headerLength > 0 && hubHeaders) {
            lineHeaders = headerLength;
        } else {
            // A hub without headers gets the payload alone, as nats-server strips them.
            lineHeaders = -1;
            offset += headerLength;
            total -= headerLength;
        }
        if (!outbound.appendMessage(message.line(), message.subjectOffset(), message.subjectLength(),
                message.replyOffset(), message.replyLength(), queues, lineHeaders, published.data(), offset, total)) {
            slowConsumer();
            return false;
        }
        outMessages.increment();
        outBytes.add(total);
        settings.counters().outMessages.increment();
        settings.counters().outBytes.add(total);
        settings.stats().addOut(1, total);
        return true;
    }

    /**
     * The hub reads slower than this server sends and max_pending is reached: nats-server closes
     * such a connection as a slow consumer rather than drop messages silently.
     */
    private void slowConsumer() {
        if (closeReason.get() == null) {
            LOG.warn("{} - Slow Consumer Detected: MaxPending of {} exceeded", this, settings.maxPending());
            close("Slow Consumer (Pending Bytes)");
        }
    }

    /**
     * The end of a publisher's read batch: what it forwarded leaves in one write, on its thread
     * when the link's writer is idle.
     */
    @Override
    public void flushSignal() {
        outbound.flush();
    }

    @Override
    public void wakeSignal() {
        outbound.wake();
    }

    private void awaitWriter() {
        Thread running = writer;
        if (running != null) {
            try {
                running.join(WRITER_DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Watches the socket writes (the writer's, or a publisher's writing inline): one blocked past
     * write_deadline closes the socket, which ends the write with an error and the link with it.
     */
    private void startDeadlineWatch() {
        long deadline = settings.writeDeadline().toNanos();
        Duration tick = Duration.ofNanos(Math.max(Duration.ofMillis(50).toNanos(), Math.min(deadline / 4,
                Duration.ofSeconds(1).toNanos())));
        watcher = Thread.ofVirtual().name("wirehub-leaf-deadline-" + id).start(() -> {
            try {
                while (closeReason.get() == null || outbound.blockedNanos(System.nanoTime()) > 0) {
                    Thread.sleep(tick);
                    if (outbound.blockedNanos(System.nanoTime()) > deadline) {
                        LOG.warn("{} - Slow Consumer Detected: WriteDeadline of {} exceeded", this,
                                settings.writeDeadline());
                        closeReason.compareAndSet(null, "Slow Consumer (Write Deadline)");
                        outbound.close();
                        closeSocket();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void startWriter(OutputStream out) {
        startDeadlineWatch();
        writer = Thread.ofVirtual().name("wirehub-leaf-writer-" + id).start(() -> {
            try {
                outbound.writeLoop(out);
            } catch (IOException e) {
                closeReason.compareAndSet(null, "Write Error");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeSocket(); // after the last queued bytes (an -ERR) are written: the reader then ends
            }
        });
    }

    /** nats-server's spoke pings after about a second, then every ping interval, whatever the traffic. */
    private void startPinger() {
        pinger = Thread.ofVirtual().name("wirehub-leaf-pinger-" + id).start(() -> {
            Duration wait = FIRST_PING;
            try {
                while (closeReason.get() == null) {
                    Thread.sleep(wait);
                    if (outstandingPings.incrementAndGet() > settings.pingMax()) {
                        sendError("Stale Connection");
                        close("Stale Connection");
                        return;
                    }
                    outbound.append(PING);
                    wait = settings.pingInterval();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void sendError(String text) {
        outbound.append(("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the connection: the writer writes what is queued (such as a final -ERR), then closes
     * the socket, which ends the reader.
     */
    void close(String reason) {
        closeReason.compareAndSet(null, reason);
        outbound.close();
    }

    /** Ends the connection now, without waiting for queued output: server shutdown. */
    void abort() {
        closeReason.compareAndSet(null, "Server Shutdown");
        outbound.close();
        closeSocket();
    }

    private void closeSocket() {
        LeafStream current = stream;
        if (current != null) {
            current.close(closeReason.get());
        }
    }

    /** What /leafz shows for this connection. */
    LeafConnectionSnapshot snapshot() {
        return new LeafConnectionSnapshot(hubName, url != null, settings.remote().account(), remoteAddress, remotePort,
                inMessages.sum(), outMessages.sum(), inBytes.sum(), outBytes.sum(),
                hubInterest.subjects());
    }

    boolean isEstablished() {
        return established && closeReason.get() == null;
    }

    @Override
    public String toString() {
        // nats-server: "lid_ws" for a leaf over a WebSocket ("%s - lid%s:%d").
        return remoteAddress + ":" + remotePort + (stream instanceof WebSocketLeafStream ? " - lid_ws:" : " - lid:") + id;
    }

    /** The hub saw (or we saw) a loop: the next dial waits 30 s. */
    private static final class LoopDetected extends IOException {
        LoopDetected() {
            super("Loop Detected", null);
        }
    }
}
