package io.wirehub.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ConfigFileLoader;
import io.wirehub.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every authentication mode with the official Java client: accepted, and refused. */
class JnatsAuthTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Wirehub start(String config) throws Exception {
        Path file = Files.createTempFile("wirehub-auth-", ".conf");
        Files.writeString(file, config);
        try {
            ServerConfig.Builder builder = ConfigFileLoader.load(file).builder();
            return Wirehub.start(builder.host("127.0.0.1").port(0).build());
        } finally {
            Files.delete(file);
        }
    }

    /**
     * jnats waits its whole connection timeout for a PONG even after an Authorization Violation
     * (it does so against nats-server too), so a short one keeps refused connects quick.
     */
    private static Options.Builder options(Wirehub server) {
        return new Options.Builder().server(server.clientUrl()).maxReconnects(0).connectionTimeout(Duration.ofSeconds(1));
    }

    @Test
    void tokenAcceptedAndRefused() throws Exception {
        try (Wirehub server = start(AuthTranscripts.TOKEN)) {
            try (Connection nc = Nats.connect(options(server).token("t0ken".toCharArray()).build())) {
                assertThat(nc.getServerInfo().isAuthRequired()).isTrue();
                nc.flush(WAIT);
            }
            assertThatThrownBy(() -> Nats.connect(options(server).token("wrong".toCharArray()).build()))
                    .hasMessageContaining("Authorization Violation");
            assertThatThrownBy(() -> Nats.connect(options(server).build())).hasMessageContaining("Authorization Violation");
            assertThat(server.stats().authFailures()).isEqualTo(2);
        }
    }

    @Test
    void singleUserAndUsersListWithBcrypt() throws Exception {
        try (Wirehub server = start(AuthTranscripts.SINGLE_USER)) {
            try (Connection nc = Nats.connect(options(server).userInfo("u", "p").build())) {
                nc.flush(WAIT);
            }
            assertThatThrownBy(() -> Nats.connect(options(server).userInfo("u", "x").build()))
                    .hasMessageContaining("Authorization Violation");
        }
        try (Wirehub server = start(AuthTranscripts.USERS)) {
            try (Connection nc = Nats.connect(options(server).userInfo("alice", "s3cret").build())) {
                nc.flush(WAIT);
                assertThat(server.connections().connections()).anyMatch(c -> "alice".equals(c.user().name()));
            }
            assertThatThrownBy(() -> Nats.connect(options(server).userInfo("alice", "S3cret").build()))
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @Test
    void nkeyUserSignsTheNonce() throws Exception {
        NKey user = NKey.createUser(new SecureRandom());
        NKey stranger = NKey.createUser(new SecureRandom());
        String config = "authorization { users = [ { nkey: " + new String(user.getPublicKey()) + " } ] }\n";
        try (Wirehub server = start(config)) {
            try (Connection nc = Nats.connect(options(server).authHandler(handler(user)).build())) {
                assertThat(nc.getServerInfo().getNonce()).hasSize(15);
                nc.flush(WAIT);
            }
            assertThatThrownBy(() -> Nats.connect(options(server).authHandler(handler(stranger)).build()))
                    .hasMessageContaining("Authorization Violation");
            // Right key, wrong signature: the key alone does not let anyone in.
            assertThatThrownBy(() -> Nats.connect(options(server).authHandler(signingWith(user, stranger)).build()))
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @Test
    void noAuthUserLetsClientsWithoutCredentialsInWithItsPermissions() throws Exception {
        try (Wirehub server = start(AuthTranscripts.NO_AUTH_USER);
             Connection anonymous = Nats.connect(options(server).build())) {
            assertThat(anonymous.getServerInfo().isAuthRequired()).isFalse();
            Subscription allowed = anonymous.subscribe("svc.ping");
            anonymous.flush(WAIT);
            try (Connection alice = Nats.connect(options(server).userInfo("alice", "s3cret").build())) {
                alice.publish("_INBOX.x", new byte[0]);
                alice.flush(WAIT);
            }
            assertThat(allowed.isActive()).isTrue();
            assertThat(server.connections().connections()).anyMatch(c -> "bob".equals(c.user().name()));
        }
    }

    @Test
    void permissionsSeenByJnats() throws Exception {
        try (Wirehub server = start(AuthTranscripts.USERS)) {
            List<String> errors = new CopyOnWriteArrayList<>();
            Options options = options(server).userInfo("alice", "s3cret").errorListener(new io.nats.client.ErrorListener() {
                @Override
                public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                }
            }).build();
            try (Connection alice = Nats.connect(options)) {
                Subscription wildcard = alice.subscribe("foo.>");
                alice.flush(WAIT);
                alice.publish("foo.secret", "x".getBytes(StandardCharsets.UTF_8));
                alice.publish("foo.hidden", "h".getBytes(StandardCharsets.UTF_8));
                alice.publish("foo.ok", "k".getBytes(StandardCharsets.UTF_8));
                alice.flush(WAIT);
                Message m = wildcard.nextMessage(WAIT);
                assertThat(m.getSubject()).isEqualTo("foo.ok");
                assertThat(wildcard.nextMessage(Duration.ofMillis(200))).isNull();
                assertThat(errors).anyMatch(e -> e.contains("Permissions Violation for Publish to \"foo.secret\""));
                assertThat(alice.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    @Test
    void allowResponsesLetsAResponderAnswerOnce() throws Exception {
        String config = """
                authorization { users = [
                  { user: asker, password: a }
                  { user: bob, password: plain, permissions: { subscribe: ["svc.>"], allow_responses: true } }
                ] }
                """;
        try (Wirehub server = start(config);
             Connection bob = Nats.connect(options(server).userInfo("bob", "plain").build());
             Connection alice = Nats.connect(options(server).userInfo("asker", "a").build())) {
            bob.createDispatcher(msg -> {
                bob.publish(msg.getReplyTo(), "first".getBytes(StandardCharsets.UTF_8));
                bob.publish(msg.getReplyTo(), "second".getBytes(StandardCharsets.UTF_8));
            }).subscribe("svc.echo");
            bob.flush(WAIT);
            Subscription inbox = alice.subscribe("foo.replies");
            alice.flush(WAIT);
            alice.publish("svc.echo", "foo.replies", new byte[0]);
            alice.flush(WAIT);
            assertThat(new String(inbox.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("first");
            assertThat(inbox.nextMessage(Duration.ofMillis(300))).as("max 1 response per request").isNull();
            // Without a request, bob may not publish at all.
            bob.publish("foo.replies", "unasked".getBytes(StandardCharsets.UTF_8));
            bob.flush(WAIT);
            assertThat(inbox.nextMessage(Duration.ofMillis(300))).isNull();
        }
    }

    private static AuthHandler handler(NKey key) {
        return signingWith(key, key);
    }

    /** Presents {@code identity}'s public key but signs with {@code signer}. */
    private static AuthHandler signingWith(NKey identity, NKey signer) {
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return signer.sign(nonce);
                } catch (GeneralSecurityException | java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getID() {
                try {
                    return identity.getPublicKey();
                } catch (GeneralSecurityException | java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
    }
}
