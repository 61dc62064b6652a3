package io.wirehub.server.it.jwt;

import static io.wirehub.server.it.jwt.OperatorModeTest.options;
import static io.wirehub.server.it.jwt.OperatorModeTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.wirehub.server.Wirehub;
import io.wirehub.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What changes while users are connected: a user JWT that expires, account JWT updates sent to the
 * system account (revocations, refused signers, unknown accounts), and the full resolver's
 * directory, kept across restarts.
 */
class OperatorUpdatesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static ErrorListener collecting(List<String> errors) {
        return new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
    }

    private static String request(Connection sys, String subject, String body) throws Exception {
        Message reply = sys.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as("reply on " + subject).isNotNull();
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    private static Path systemUser(OperatorWorld world) throws Exception {
        NKey admin = JwtFixture.userKey();
        return world.creds(JwtFixture.userJwt(world.system, admin), admin);
    }

    @Test
    void aUserIsDisconnectedWhenItsJwtExpires() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey user = JwtFixture.userKey();
        String jwt = JwtFixture.userJwt(world.accountA, user, JwtFixture.now(), JwtFixture.now() + 2, n -> { });
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Wirehub server = start(world.memoryConfig());
             Connection nc = Nats.connect(options(server.clientUrl(), world.creds(jwt, user))
                     .errorListener(collecting(errors)).build())) {
            nc.flush(WAIT);
            Await.until(Duration.ofSeconds(6), () -> nc.getStatus() == Connection.Status.CLOSED, "closed at exp");
            assertThat(errors).anyMatch(e -> e.contains("User Authentication Expired"));
        }
    }

    @Test
    void anAccountUpdateRevokingAUserDisconnectsIt() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey user = JwtFixture.userKey();
        NKey other = JwtFixture.userKey();
        long issued = JwtFixture.now() - 10;
        String jwt = JwtFixture.userJwt(world.accountA, user, issued, 0, n -> { });
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Wirehub server = start(world.memoryConfig());
             Connection sys = Nats.connect(options(server.clientUrl(), systemUser(world)).build());
             Connection revoked = Nats.connect(options(server.clientUrl(), world.creds(jwt, user))
                     .errorListener(collecting(errors)).build());
             Connection kept = Nats.connect(options(server.clientUrl(), world.userOfA(other)).build())) {
            revoked.flush(WAIT);
            String update = world.accountA(n -> n.putObject("revocations").put(JwtFixture.publicKey(user), issued));
            String response = request(sys, "$SYS.REQ.ACCOUNT." + JwtFixture.publicKey(world.accountA)
                    + ".CLAIMS.UPDATE", update);
            assertThat(response).contains("\"data\":{\"account\":\"" + JwtFixture.publicKey(world.accountA)
                    + "\",\"code\":200,\"message\":\"jwt updated\"}");
            Await.until(WAIT, () -> revoked.getStatus() == Connection.Status.CLOSED, "revoked user closed");
            assertThat(errors).anyMatch(e -> e.contains("User Authentication Revoked"));
            kept.flush(WAIT);
            assertThat(kept.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            // The revoked JWT no longer connects; a newer one for the same key does.
            assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), world.creds(jwt, user)).build()))
                    .hasMessageContaining("Authorization Violation");
            String fresh = JwtFixture.userJwt(world.accountA, user, issued + 1, 0, n -> { });
            try (Connection again = Nats.connect(options(server.clientUrl(), world.creds(fresh, user)).build())) {
                again.flush(WAIT);
            }
        }
    }

    @Test
    void updatesNotSignedByTheOperatorAreRefusedAndUnknownAccountsSkipped() throws Exception {
        OperatorWorld world = new OperatorWorld();
        NKey rogueOperator = JwtFixture.operatorKey();
        NKey unknown = JwtFixture.accountKey();
        String a = JwtFixture.publicKey(world.accountA);
        NKey user = JwtFixture.userKey();
        try (Wirehub server = start(world.memoryConfig());
             Connection sys = Nats.connect(options(server.clientUrl(), systemUser(world)).build());
             // A user of A first: nats-server skips MEMORY updates of accounts no one has used yet.
             Connection first = Nats.connect(options(server.clientUrl(), world.userOfA(user)).build())) {
            String forged = JwtFixture.accountJwt(rogueOperator, world.accountA, n -> { });
            assertThat(request(sys, "$SYS.REQ.ACCOUNT." + a + ".CLAIMS.UPDATE", forged))
                    .contains("\"error\":{\"account\":\"" + a + "\",\"code\":500,"
                            + "\"description\":\"jwt update resulted in error - account validation failed\"}");
            assertThat(request(sys, "$SYS.REQ.ACCOUNT." + a + ".CLAIMS.UPDATE",
                    JwtFixture.accountJwt(world.operatorSigner, world.accountB, n -> { })))
                    .contains("\"description\":\"jwt update resulted in error - subject does not match jwt content\"");
            String u = JwtFixture.publicKey(unknown);
            assertThat(request(sys, "$SYS.REQ.ACCOUNT." + u + ".CLAIMS.UPDATE",
                    JwtFixture.accountJwt(world.operatorSigner, unknown, n -> { })))
                    .contains("\"data\":{\"account\":\"" + u + "\",\"code\":200,\"message\":\"jwt update skipped\"}");
            // The forged JWT changed nothing: A's users still connect.
            try (Connection nc = Nats.connect(options(server.clientUrl(), world.userOfA(user)).build())) {
                nc.flush(WAIT);
            }
        }
    }

    @Test
    void theFullResolverStoresJwtsInItsDirectoryAndReloadsThem() throws Exception {
        OperatorWorld world = new OperatorWorld();
        Path dir = world.dir.resolve("jwts");
        String a = JwtFixture.publicKey(world.accountA);
        String config = "operator: \"" + world.operatorFile() + "\"\n"
                + "system_account: " + JwtFixture.publicKey(world.system) + "\n"
                + "resolver { type: full, dir: \"" + dir + "\", allow_delete: false, interval: \"2m\", limit: 1000 }\n"
                + "resolver_preload { " + JwtFixture.publicKey(world.system) + ": \""
                + world.accountJwts.get(JwtFixture.publicKey(world.system)) + "\" }\n";
        NKey user = JwtFixture.userKey();
        Path creds = world.userOfA(user);
        try (Wirehub server = start(config);
             Connection sys = Nats.connect(options(server.clientUrl(), systemUser(world)).build())) {
            assertThatThrownBy(() -> Nats.connect(options(server.clientUrl(), creds).build()))
                    .hasMessageContaining("Authorization Violation");
            assertThat(request(sys, "$SYS.REQ.CLAIMS.UPDATE", world.accountJwts.get(a)))
                    .contains("\"message\":\"jwt updated\"");
            assertThat(dir.resolve(a + ".jwt")).hasContent(world.accountJwts.get(a));
            try (Connection nc = Nats.connect(options(server.clientUrl(), creds).build())) {
                nc.flush(WAIT);
            }
            assertThat(request(sys, "$SYS.REQ.ACCOUNT." + a + ".CLAIMS.LOOKUP", "")).isEqualTo(world.accountJwts.get(a));
            assertThat(request(sys, "$SYS.REQ.CLAIMS.LIST", "")).contains(a);
        }
        try (Wirehub restarted = start(config);
             Connection nc = Nats.connect(options(restarted.clientUrl(), creds).build())) {
            nc.flush(WAIT);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString())).contains(a + ".jwt");
        }
    }
}
