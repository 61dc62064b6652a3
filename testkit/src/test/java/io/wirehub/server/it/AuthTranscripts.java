package io.wirehub.server.it;

import io.wirehub.testkit.internal.Transcript;
import java.util.List;

/**
 * Authentication and permissions on the wire (PROTOCOL.md §10, ATTACKS.md 3, 14): the replies
 * nats-server 2.9.10 gives for the same config, run by {@link DifferentialTest} against both.
 */
final class AuthTranscripts {
    /** bcrypt (cost 6) of "s3cret". */
    static final String ALICE_HASH = "$2a$06$d5Ng6MwbJ1ktOUBMANq1neWf8s0byI7801VLpvb8Y.4ZEH2uAv0uG";

    static final String USERS = """
            authorization {
              users = [
                { user: alice, password: "%s",
                  permissions: {
                    publish: { allow: ["foo.>", "_INBOX.>"], deny: ["foo.secret"] }
                    subscribe: { allow: ["foo.>", "q.x grp"], deny: ["foo.hidden"] }
                  } }
                { user: bob, password: plain, permissions: { subscribe: ["svc.>"], allow_responses: true } }
              ]
            }
            """.formatted(ALICE_HASH);
    static final String TOKEN = "authorization { token: \"t0ken\" }\n";
    static final String SINGLE_USER = "authorization { user: u, password: p }\n";
    static final String NO_AUTH_USER = USERS + "no_auth_user: bob\n";
    static final String SHORT_TIMEOUT = "authorization { timeout: 0.5, token: \"t0ken\" }\n";

    private static final String VIOLATION = "-ERR 'Authorization Violation'";
    private static final String ALICE = "CONNECT {\"verbose\":false,\"pedantic\":false,\"user\":\"alice\",\"pass\":\"s3cret\"}\r\n";

    private AuthTranscripts() {
    }

    static List<Transcript> all() {
        return List.of(
                Transcript.named("auth: PING before CONNECT").config(USERS).info().send("PING\r\n").closed(VIOLATION).build(),
                Transcript.named("auth: PUB before CONNECT").config(TOKEN).info().send("PUB foo 1\r\nx\r\n")
                        .closed(VIOLATION).build(),
                Transcript.named("auth: wrong password").config(USERS).info()
                        .send("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"nope\"}\r\nPING\r\n").closed(VIOLATION).build(),
                Transcript.named("auth: unknown user").config(USERS).info()
                        .send("CONNECT {\"verbose\":false,\"user\":\"mallory\",\"pass\":\"s3cret\"}\r\nPING\r\n").closed(VIOLATION).build(),
                Transcript.named("auth: no credentials").config(USERS).info().send("CONNECT {\"verbose\":false}\r\nPING\r\n")
                        .closed(VIOLATION).build(),
                Transcript.named("auth: bcrypt password").config(USERS).info().send(ALICE + "PING\r\n").line("PONG").build(),
                Transcript.named("auth: plain password").config(USERS).info()
                        .send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"plain\"}\r\nPING\r\n").line("PONG").build(),
                Transcript.named("auth: token").config(TOKEN).info()
                        .send("CONNECT {\"verbose\":false,\"auth_token\":\"t0ken\"}\r\nPING\r\n").line("PONG").build(),
                Transcript.named("auth: wrong token").config(TOKEN).info()
                        .send("CONNECT {\"verbose\":false,\"auth_token\":\"other\"}\r\nPING\r\n").closed(VIOLATION).build(),
                Transcript.named("auth: single user").config(SINGLE_USER).info()
                        .send("CONNECT {\"verbose\":false,\"user\":\"u\",\"pass\":\"p\"}\r\nPING\r\n").line("PONG").build(),
                Transcript.named("auth: single user, wrong password").config(SINGLE_USER).info()
                        .send("CONNECT {\"verbose\":false,\"user\":\"u\",\"pass\":\"x\"}\r\nPING\r\n").closed(VIOLATION).build(),
                Transcript.named("auth: verbose +OK after auth").config(TOKEN).info()
                        .send("CONNECT {\"verbose\":true,\"auth_token\":\"t0ken\"}\r\nPING\r\n").line("+OK").line("PONG").build(),
                Transcript.named("auth: timeout").config(SHORT_TIMEOUT).info().closed("-ERR 'Authentication Timeout'").build(),
                Transcript.named("auth: slowloris CONNECT").config(SHORT_TIMEOUT).info().send("CONNECT {\"auth_tok")
                        .closed("-ERR 'Authentication Timeout'").build(),
                Transcript.named("auth: no_auth_user lets PING through").config(NO_AUTH_USER).info()
                        .send("PING\r\n").line("PONG").build(),
                Transcript.named("auth: no_auth_user has its permissions").config(NO_AUTH_USER).info()
                        .send("SUB foo 1\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Subscription to \"foo\"'").line("PONG").build(),
                Transcript.named("auth: no_auth_user, but wrong credentials").config(NO_AUTH_USER).info()
                        .send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"nope\"}\r\nPING\r\n").closed(VIOLATION).build(),

                Transcript.named("perms: publish denied").config(USERS).info()
                        .send(ALICE + "PUB foo.secret 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Publish to \"foo.secret\"'").line("PONG").build(),
                Transcript.named("perms: publish not allowed").config(USERS).info()
                        .send(ALICE + "PUB bar 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Publish to \"bar\"'").line("PONG").build(),
                Transcript.named("perms: subscribe denied").config(USERS).info()
                        .send(ALICE + "SUB bar 1\r\nSUB foo.hidden 2\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Subscription to \"bar\"'")
                        .line("-ERR 'Permissions Violation for Subscription to \"foo.hidden\"'").line("PONG").build(),
                Transcript.named("perms: queue permission").config(USERS).info()
                        .send(ALICE + "SUB q.x other 4\r\nSUB q.x grp 5\r\nSUB q.x 6\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Subscription to \"q.x\" using queue \"other\"'")
                        .line("-ERR 'Permissions Violation for Subscription to \"q.x\"'").line("PONG").build(),
                Transcript.named("perms: wildcard subscription filtered by deny").config(USERS).info()
                        .send(ALICE + "SUB foo.> 1\r\nPUB foo.hidden 1\r\nh\r\nPUB foo.ok 1\r\nk\r\nPING\r\n")
                        .line("MSG foo.ok 1 1").line("k").line("PONG").build(),
                Transcript.named("perms: wildcard subscription wider than allowed").config(USERS).info()
                        .send(ALICE + "SUB > 1\r\nSUB foo.* 2\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Subscription to \">\"'").line("PONG").build(),
                Transcript.named("perms: allow_responses without a request").config(USERS).info()
                        .send("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"plain\"}\r\nPUB any 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Publish to \"any\"'").line("PONG").build());
    }
}
