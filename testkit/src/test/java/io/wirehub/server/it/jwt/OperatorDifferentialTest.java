package io.wirehub.server.it.jwt;

import static io.wirehub.server.it.jwt.OperatorModeTest.options;
import static io.wirehub.server.it.jwt.OperatorModeTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The same operator config, the same JWTs and the same jnats clients against Wirehub and against
 * nats-server: what the clients see (deliveries, refusals, the resolver's JSON answers with the
 * varying {@code server} object left out, disconnect texts) must be the same.
 */
class OperatorDifferentialTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void sameBehaviourAsNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        OperatorWorld world = new OperatorWorld();
        Scenario scenario = new Scenario(world);
        List<String> ours;
        try (Wirehub server = start(world.memoryConfig())) {
            ours = scenario.run(server.clientUrl());
        }
        List<String> theirs;
        try (NatsServerProcess nats = NatsServerProcess.start(world.memoryConfig())) {
            theirs = scenario.run(nats.url());
        }
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours).anyMatch(line -> line.contains("User Authentication Revoked"));
    }

    @Test
    void fullResolverAsNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        OperatorWorld world = new OperatorWorld();
        NKey alice = JwtFixture.userKey();
        NKey admin = JwtFixture.userKey();
        Path aliceCreds = world.userOfA(alice);
        Path adminCreds = world.creds(JwtFixture.userJwt(world.system, admin), admin);
        String a = JwtFixture.publicKey(world.accountA);
        String forgedB = JwtFixture.accountJwt(JwtFixture.operatorKey(), world.accountB, n -> { });
        List<List<String>> results = new ArrayList<>();
        for (boolean wirehub : new boolean[] {true, false}) {
            Path dir = world.dir.resolve(wirehub ? "ours" : "theirs");
            String config = "operator: \"" + world.operatorFile() + "\"\n"
                    + "system_account: " + JwtFixture.publicKey(world.system) + "\n"
                    + "resolver { type: full, dir: \"" + dir + "\" }\n"
                    + "resolver_preload { " + JwtFixture.publicKey(world.system) + ": \""
                    + world.accountJwts.get(JwtFixture.publicKey(world.system)) + "\" }\n";
            List<String> seen = new ArrayList<>();
            Wirehub ours = wirehub ? start(config) : null;
            NatsServerProcess theirs = wirehub ? null : NatsServerProcess.start(config);
            String url = wirehub ? ours.clientUrl() : theirs.url();
            try (Connection sys = Nats.connect(options(url, adminCreds).build())) {
                seen.add("before: " + connects(url, aliceCreds));
                seen.add("update: " + Scenario.withoutServer(sys, "$SYS.REQ.CLAIMS.UPDATE", world.accountJwts.get(a)));
                seen.add("after: " + connects(url, aliceCreds));
                seen.add("stored: " + java.nio.file.Files.exists(dir.resolve(a + ".jwt")));
                seen.add("lookup: " + Scenario.withoutServer(sys, "$SYS.REQ.ACCOUNT." + a + ".CLAIMS.LOOKUP", "")
                        .equals(world.accountJwts.get(a)));
                seen.add("forged: " + Scenario.withoutServer(sys, "$SYS.REQ.CLAIMS.UPDATE", forgedB));
            } finally {
                if (ours != null) {
                    ours.close();
                }
                if (theirs != null) {
                    theirs.close();
                }
            }
            results.add(seen);
        }
        assertThat(results.get(0)).isEqualTo(results.get(1));
    }

    /** Updates of accounts no client has used yet, for each resolver that takes updates of known accounts. */
    @Test
    void updatesOfUnusedAccountsAsNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        OperatorWorld world = new OperatorWorld();
        NKey admin = JwtFixture.userKey();
        Path adminCreds = world.creds(JwtFixture.userJwt(world.system, admin), admin);
        String a = JwtFixture.publicKey(world.accountA);
        String newerA = JwtFixture.accountJwt(world.operatorSigner, a, JwtFixture.now() + 1, n -> { });
        String newestA = JwtFixture.accountJwt(world.operatorSigner, a, JwtFixture.now() + 2, n -> { });
        Path aliceCreds = world.userOfA(JwtFixture.userKey());
        List<List<String>> results = new ArrayList<>();
        for (String resolver : List.of("MEMORY", "{ type: cache, dir: \"DIR\", ttl: \"1h\" }")) {
            for (boolean wirehub : new boolean[] {true, false}) {
                Path dir = world.dir.resolve((wirehub ? "ours-" : "theirs-") + resolver.length());
                String config = world.memoryConfig().replace("resolver: MEMORY",
                        "resolver: " + resolver.replace("DIR", dir.toString()));
                List<String> seen = new ArrayList<>();
                seen.add(resolver);
                Wirehub ours = wirehub ? start(config) : null;
                NatsServerProcess theirs = wirehub ? null : NatsServerProcess.start(config);
                String url = wirehub ? ours.clientUrl() : theirs.url();
                try (Connection sys = Nats.connect(options(url, adminCreds).build())) {
                    seen.add("unused A: " + Scenario.withoutServer(sys, "$SYS.REQ.ACCOUNT." + a + ".CLAIMS.UPDATE",
                            newerA));
                    seen.add("claims update: " + Scenario.withoutServer(sys, "$SYS.REQ.CLAIMS.UPDATE", newerA));
                    seen.add("alice: " + connects(url, aliceCreds));
                    seen.add("used A: " + Scenario.withoutServer(sys, "$SYS.REQ.ACCOUNT." + a + ".CLAIMS.UPDATE",
                            newestA));
                } finally {
                    if (ours != null) {
                        ours.close();
                    }
                    if (theirs != null) {
                        theirs.close();
                    }
                }
                results.add(seen);
            }
        }
        assertThat(results.get(0)).isEqualTo(results.get(1));
        assertThat(results.get(2)).isEqualTo(results.get(3));
        assertThat(results.get(0)).anyMatch(line -> line.contains("\"message\":\"jwt updated\""));
    }

    /**
     * With a timeout longer than nats-server's account fetch (it asks other servers for an unknown
     * account before refusing), so both servers give their final answer.
     */
    private static String connects(String url, Path creds) {
        try (Connection nc = Nats.connect(options(url, creds).connectionTimeout(Duration.ofSeconds(4)).build())) {
            nc.flush(WAIT);
            return "connected";
        } catch (Exception e) {
            return e.getMessage() != null && e.getMessage().contains("Authorization Violation")
                    ? "Authorization Violation" : String.valueOf(e.getMessage());
        }
    }

    /** One fixed set of keys and JWTs, so both servers see exactly the same credentials. */
    private static final class Scenario {
        private final OperatorWorld world;
        private final NKey alice = JwtFixture.userKey();
        private final NKey bob = JwtFixture.userKey();
        private final NKey admin = JwtFixture.userKey();
        private final NKey doomed = JwtFixture.userKey();
        private final long issued = JwtFixture.now() - 10;
        private final Path aliceCreds;
        private final Path bobCreds;
        private final Path adminCreds;
        private final Path doomedCreds;
        private final List<Path> refused = new ArrayList<>();
        private final String revoking;
        private final String forged;
        private final String unknown;
        private final String unknownKey;

        Scenario(OperatorWorld world) throws Exception {
            this.world = world;
            aliceCreds = world.userOfA(alice);
            bobCreds = world.creds(JwtFixture.userJwt(world.accountB, bob), bob);
            adminCreds = world.creds(JwtFixture.userJwt(world.system, admin), admin);
            doomedCreds = world.creds(JwtFixture.userJwt(world.accountA, doomed, issued, 0, n -> { }), doomed);
            NKey user = JwtFixture.userKey();
            String good = JwtFixture.userJwt(world.accountA, user);
            refused.add(world.creds(JwtFixture.userJwt(JwtFixture.accountKey(), user, JwtFixture.now(), 0, n -> { }),
                    user));
            refused.add(world.creds(JwtFixture.userJwt(world.accountA, user, issued, JwtFixture.now() - 1, n -> { }),
                    user));
            refused.add(world.creds(JwtFixture.withClaims(good, JwtFixture.claimsJson(good).replace("\"U\"", "\"X\"")),
                    user));
            refused.add(world.creds(good, JwtFixture.userKey()));
            revoking = world.accountA(n -> n.putObject("revocations").put(JwtFixture.publicKey(doomed), issued));
            forged = JwtFixture.accountJwt(JwtFixture.operatorKey(), world.accountA, n -> { });
            NKey stranger = JwtFixture.accountKey();
            unknown = JwtFixture.accountJwt(world.operatorSigner, stranger, n -> { });
            unknownKey = JwtFixture.publicKey(stranger);
        }

        List<String> run(String url) throws Exception {
            List<String> seen = new ArrayList<>();
            for (Path creds : refused) {
                try (Connection nc = Nats.connect(options(url, creds).build())) {
                    seen.add("connected with bad credentials");
                } catch (Exception e) {
                    seen.add("refused: " + (e.getMessage().contains("Authorization Violation")
                            ? "Authorization Violation" : e.getMessage()));
                }
            }
            List<String> doomedErrors = new CopyOnWriteArrayList<>();
            try (Connection a = Nats.connect(options(url, aliceCreds).build());
                 Connection b = Nats.connect(options(url, bobCreds).build());
                 Connection sys = Nats.connect(options(url, adminCreds).build());
                 Connection d = Nats.connect(options(url, doomedCreds).errorListener(new ErrorListener() {
                     @Override
                     public void errorOccurred(Connection conn, String error) {
                         doomedErrors.add(error);
                     }
                 }).build())) {
                Subscription shared = b.subscribe("shared.>");
                Subscription isolated = b.subscribe("private");
                b.flush(WAIT);
                a.publish("private", "p".getBytes(StandardCharsets.UTF_8));
                a.publish("shared.one", "s".getBytes(StandardCharsets.UTF_8));
                a.flush(WAIT);
                Message m = shared.nextMessage(WAIT);
                seen.add("B got " + (m == null ? "nothing" : m.getSubject()));
                Message leaked = isolated.nextMessage(Duration.ofMillis(200));
                seen.add("B private " + (leaked == null ? "nothing" : leaked.getSubject()));
                String a1 = JwtFixture.publicKey(world.accountA);
                seen.add("forged: " + withoutServer(sys, "$SYS.REQ.ACCOUNT." + a1 + ".CLAIMS.UPDATE", forged));
                seen.add("unknown: " + withoutServer(sys, "$SYS.REQ.ACCOUNT." + unknownKey + ".CLAIMS.UPDATE", unknown));
                seen.add("revoking: " + withoutServer(sys, "$SYS.REQ.ACCOUNT." + a1 + ".CLAIMS.UPDATE", revoking));
                // jnats reports the -ERR to the listener on another thread, possibly after it closed.
                Await.until(WAIT, () -> d.getStatus() == Connection.Status.CLOSED && !doomedErrors.isEmpty(),
                        "the revoked user closed and told why");
                seen.add("doomed errors: " + doomedErrors);
                a.flush(WAIT);
                seen.add("alice " + a.getStatus());
            }
            return seen;
        }

        /** The reply's JSON without the {@code server} object, which names the server and the time. */
        static String withoutServer(Connection sys, String subject, String body) throws Exception {
            Message reply = sys.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
            if (reply == null) {
                return "no reply";
            }
            String json = new String(reply.getData(), StandardCharsets.UTF_8);
            return json.replaceAll(",?\"server\":\\{[^}]*\\}", "");
        }
    }
}
