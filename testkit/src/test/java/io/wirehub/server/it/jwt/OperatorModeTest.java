package io.wirehub.server.it.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigException;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Operator (JWT) mode with jnats and .creds files: users of preloaded accounts connect and land in
 * their account, bad credentials of every kind get Authorization Violation, JWT permissions hold,
 * and operator configs nats-server refuses are refused.
 */
class OperatorModeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    static Wirehub start(String config) throws Exception {
        Path file = Files.createTempFile("wirehub-jwt-", ".conf");
        Files.writeString(file, config);
        try {
            ServerConfig.Builder builder = ConfigFileLoader.load(file).builder();
            return Wirehub.start(builder.host("127.0.0.1").port(0).build());
        } finally {
            Files.delete(file);
        }
    }

    static Options.Builder options(String url, Path creds) {
        return new Options.Builder().server(url).maxReconnects(0).connectionTimeout(Duration.ofSeconds(1))
                .authHandler(Nats.credentials(creds.toString()));
    }

    @Test
    void usersOfPreloadedAccountsConnectIntoTheirAccounts() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey alice = JwtFixture.userKey();
        NKey bob = JwtFixture.userKey();
        Path bobCreds = world.creds(JwtFixture.userJwt(world.accountB, bob), bob);
        try (Wirehub server = start(world.memoryConfig());
             Connection a = Nats.connect(options(server.clientUrl(), world.userOfA(alice)).build());
             Connection b = Nats.connect(options(server.clientUrl(), bobCreds).build())) {
            assertThat(a.getServerInfo().isAuthRequired()).isTrue();
            assertThat(a.getServerInfo().getNonce()).isNotEmpty();
            Subscription shared = b.subscribe("shared.>");
            Subscription privateToA = b.subscribe("private");
            b.flush(WAIT);
            a.publish("private", "p".getBytes(StandardCharsets.UTF_8));
            a.publish("shared.x", "s".getBytes(StandardCharsets.UTF_8));
            a.flush(WAIT);
            Message m = shared.nextMessage(WAIT);
            assertThat(m.getSubject()).isEqualTo("shared.x");
            assertThat(privateToA.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(server.connections().connections())
                    .anyMatch(c -> c.account() != null && JwtFixture.publicKey(world.accountA).equals(c.account().name())
                            && JwtFixture.publicKey(alice).equals(c.user().name()));
        }
    }

    @Test
    void signingKeyUsersAndJwtPermissions() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey carol = JwtFixture.userKey();
        String jwt = JwtFixture.userJwt(world.signerA, carol, JwtFixture.now(), 0, n -> {
            n.put("issuer_account", JwtFixture.publicKey(world.accountA));
            n.putObject("pub").putArray("deny").add("forbidden");
        });
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Wirehub server = start(world.memoryConfig());
             Connection c = Nats.connect(options(server.clientUrl(), world.creds(jwt, carol))
                     .errorListener(new ErrorListener() {
                         @Override
                         public void errorOccurred(Connection conn, String error) {
                             errors.add(error);
                         }
                     }).build())) {
            Subscription all = c.subscribe(">");
            c.flush(WAIT);
            c.publish("forbidden", new byte[0]);
            c.publish("fine", new byte[0]);
            c.flush(WAIT);
            assertThat(all.nextMessage(WAIT).getSubject()).isEqualTo("fine");
            io.wirehub.testkit.Await.until(WAIT, () -> !errors.isEmpty(), "the publish violation");
            assertThat(errors).anyMatch(e -> e.contains("Permissions Violation for Publish to \"forbidden\""));
        }
    }

    @Test
    void badCredentialsAreRefused() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey user = JwtFixture.userKey();
        NKey stranger = JwtFixture.accountKey();
        String good = JwtFixture.userJwt(world.accountA, user);
        String tampered = JwtFixture.withClaims(good, JwtFixture.claimsJson(good).replace("\"U\"", "\"X\""));
        List<Path> refused = List.of(
                world.creds(JwtFixture.userJwt(stranger, user, JwtFixture.now(), 0, n -> { }), user),
                world.creds(JwtFixture.userJwt(world.accountA, user, JwtFixture.now() - 60, JwtFixture.now() - 1,
                        n -> { }), user),
                world.creds(tampered, user),
                world.creds(good, JwtFixture.userKey()),
                world.creds(JwtFixture.userJwt(world.signerA, user, JwtFixture.now(), 0, n -> { }), user));
        List<String> ourLog;
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        // slf4j-simple writes to whatever System.err is at the time: a copy of it is Wirehub's log.
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                stderr.write(b);
                captured.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                stderr.write(b, off, len);
                captured.write(b, off, len);
            }
        }, true));
        try (Wirehub server = start(world.memoryConfig())) {
            for (Path creds : refused) {
                assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), creds).build()))
                        .as(Files.readString(creds)).hasMessageContaining("Authorization Violation");
            }
            assertThat(server.stats().authFailures()).isEqualTo(refused.size());
            try (Connection ok = Nats.connect(options(server.clientUrl(), world.creds(good, user)).build())) {
                ok.flush(WAIT);
            }
        } finally {
            System.setErr(stderr);
        }
        synchronized (captured) {
            ourLog = authErrors(captured.toString(StandardCharsets.UTF_8));
        }
        // One line per refusal, naming no user in operator mode (nats-server's authViolation).
        assertThat(ourLog).hasSize(refused.size()).containsOnly("authentication error");
        org.junit.jupiter.api.Assumptions.assumeTrue(io.wirehub.testkit.internal.NatsServerProcess.available(),
                "nats-server is not installed");
        try (var nats = io.wirehub.testkit.internal.NatsServerProcess.start(world.memoryConfig())) {
            for (Path creds : refused) {
                assertThatThrownBy(() -> Nats.connect(options(nats.url(), creds).build()))
                        .hasMessageContaining("Authorization Violation");
            }
            // nats-server writes the line before its -ERR, so it is in its log by now.
            io.wirehub.testkit.Await.until(WAIT, () -> authErrors(nats.log()).size() >= refused.size(),
                    "nats-server's authentication error lines");
            assertThat(ourLog).as(nats.log()).isEqualTo(authErrors(nats.log()));
        }
    }

    /** The log's authentication error lines, from "authentication error" on (no time, address or cid). */
    private static List<String> authErrors(String log) {
        return log.lines().filter(line -> line.contains("authentication error"))
                .map(line -> line.substring(line.indexOf("authentication error"))).toList();
    }

    /** operator: may hold the operator JWT itself instead of a file's path; nats-server 2.9.10 takes both. */
    @Test
    void anInlineOperatorJwtServesAsTheFileDoes() throws Exception {
        OperatorWorld world = new OperatorWorld();
        String config = world.memoryConfig().replace(world.operatorFile().toString(), world.operatorJwt);
        assertThat(config).doesNotContain(world.operatorFile().toString()).contains(world.operatorJwt);
        NKey alice = JwtFixture.userKey();
        NKey stranger = JwtFixture.userKey();
        Path good = world.userOfA(alice);
        Path bad = world.creds(JwtFixture.userJwt(JwtFixture.accountKey(), stranger, JwtFixture.now(), 0, n -> { }),
                stranger);
        List<String> ours;
        try (Wirehub server = start(config)) {
            ours = inlineOperatorScenario(server.clientUrl(), good, bad);
        }
        assertThat(ours).containsExactly("connected", "Authorization Violation");
        org.junit.jupiter.api.Assumptions.assumeTrue(io.wirehub.testkit.internal.NatsServerProcess.available(),
                "nats-server is not installed");
        try (var nats = io.wirehub.testkit.internal.NatsServerProcess.start(config)) {
            assertThat(inlineOperatorScenario(nats.url(), good, bad)).isEqualTo(ours);
        }
    }

    private static List<String> inlineOperatorScenario(String url, Path good, Path bad) {
        List<String> seen = new java.util.ArrayList<>();
        for (Path creds : List.of(good, bad)) {
            try (Connection nc = Nats.connect(options(url, creds).build())) {
                nc.flush(WAIT);
                seen.add("connected");
            } catch (Exception e) {
                seen.add(String.valueOf(e.getMessage()).contains("Authorization Violation") ? "Authorization Violation"
                        : String.valueOf(e.getMessage()));
            }
        }
        return seen;
    }

    @Test
    void accountsNotSignedByTheOperatorAreNotServed() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey otherOperator = JwtFixture.operatorKey();
        NKey rogue = JwtFixture.accountKey();
        world.accountJwts.put(JwtFixture.publicKey(rogue), JwtFixture.accountJwt(otherOperator, rogue, n -> { }));
        NKey user = JwtFixture.userKey();
        try (Wirehub server = start(world.memoryConfig())) {
            Path creds = world.creds(JwtFixture.userJwt(rogue, user), user);
            assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), creds).build()))
                    .hasMessageContaining("Authorization Violation");
            assertThat(server.accounts().get(JwtFixture.publicKey(rogue))).isNull();
        }
    }

    @Test
    void operatorConfigsNatsServerRefuses() throws Exception {
        OperatorWorld world = new OperatorWorld();
        assertThatThrownBy(() -> start(world.memoryConfig() + "authorization { users: [ {user: a, password: b} ] }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("operators do not allow users to be configured directly");
        assertThatThrownBy(() -> start("operator: \"" + world.operatorFile() + "\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("operators require an account resolver to be configured");
        assertThatThrownBy(() -> start("operator: \"" + world.operatorFile() + "\"\nresolver: URL(\"http://127.0.0.1:9/x\")\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2")
                .hasMessageContaining("URL account resolver is not supported");
        assertThatThrownBy(() -> start("operator: \"/nonexistent/op.jwt\"\nresolver: MEMORY\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":1")
                .hasMessageContaining("error parsing operator JWT");
        assertThatThrownBy(() -> start(world.memoryConfig() + "resolver_preload { AXXX: \"eyJhbGci.bad.jwt\" }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid account JWT");
    }
}
