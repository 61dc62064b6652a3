package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authorization and limits blocks, and the rules that refuse unsafe or ambiguous auth. */
class AuthorizationConfigTest {
    private static final String NKEY = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";

    @TempDir
    Path dir;

    private ServerConfig load(String text) throws IOException {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, text);
        return ConfigFileLoader.load(file).builder().build();
    }

    private List<String> problems(String text) throws IOException {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, text);
        try {
            ConfigFileLoader.load(file).builder().build();
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.replace(file.toString(), "FILE")).toList();
        }
    }

    @Test
    void readsUsersWithPermissionsAndLimits() throws IOException {
        ServerConfig config = load("""
                authorization {
                  timeout: 1.5
                  users = [
                    { user: alice, password: "$2a$06$d5Ng6MwbJ1ktOUBMANq1neWf8s0byI7801VLpvb8Y.4ZEH2uAv0uG",
                      permissions: { publish: { allow: ["foo.>"], deny: "foo.secret" }, subscribe: ["foo.>", "q.x grp"] },
                      limits: { msgs_per_second: 100, rate_limit_policy: refuse } }
                    { nkey: %s }
                    { user: bob, password: plain, permissions: { allow_responses: { max: 3, expires: "1m" } } }
                  ]
                }
                no_auth_user: bob
                limits { msgs_per_second: 1000, bytes_per_second: 1MB, connections_per_address: 50 }
                """.formatted(NKEY));
        AuthConfig auth = config.authorization();
        assertThat(auth.required()).isTrue();
        assertThat(auth.noAuthUser()).isEqualTo("bob");
        assertThat(auth.users()).hasSize(3);
        assertThat(config.authTimeout()).isEqualTo(Duration.ofMillis(1500));
        UserConfig alice = auth.users().get(0);
        assertThat(alice.permissions().publish().allow()).containsExactly("foo.>");
        assertThat(alice.permissions().publish().deny()).containsExactly("foo.secret");
        assertThat(alice.permissions().subscribe().allow()).containsExactly("foo.>", "q.x grp");
        assertThat(alice.limits().messagesPerSecond()).isEqualTo(100);
        assertThat(alice.limits().policy()).isEqualTo(RateLimitConfig.Policy.REFUSE);
        assertThat(auth.users().get(1).nkey()).isEqualTo(NKEY);
        PermissionsConfig bob = auth.users().get(2).permissions();
        assertThat(bob.responses()).isEqualTo(new PermissionsConfig.Responses(3, Duration.ofMinutes(1)));
        assertThat(bob.publish().allow()).as("allow_responses turns plain publishing off").isEmpty();
        assertThat(config.limits().perConnection().bytesPerSecond()).isEqualTo(1024 * 1024);
        assertThat(config.limits().connectionsPerAddress()).isEqualTo(50);
    }

    @Test
    void refusesAmbiguousAndOpenAuthConfigs() throws IOException {
        assertThat(problems("authorization { token: t, user: u, password: p }\n"))
                .containsExactly("FILE:1: authorization cannot have both a token and a user: use one");
        assertThat(problems("authorization { token: t, users: [ { user: a, password: b } ] }\n"))
                .anyMatch(p -> p.contains("cannot have a users list and a single token"));
        assertThat(problems("authorization { users: [] }\n"))
                .anyMatch(p -> p.startsWith("FILE:1:") && p.contains("empty users list"));
        assertThat(problems("authorization { users: [ { user: a } ] }\n"))
                .anyMatch(p -> p.contains("user \"a\" has no password"));
        assertThat(problems("authorization { user: u }\n")).anyMatch(p -> p.contains("has no password"));
        assertThat(problems("authorization { token: \"\" }\n")).anyMatch(p -> p.contains("token is empty"));
        assertThat(problems("no_auth_user: ghost\n")).anyMatch(p -> p.contains("needs an authorization users list"));
        assertThat(problems("authorization { users: [ { user: a, password: b } ] }\nno_auth_user: ghost\n"))
                .anyMatch(p -> p.startsWith("FILE:2:") && p.contains("is not a user"));
        assertThat(problems("authorization { users: [ { user: a, password: b }, { user: a, password: c } ] }\n"))
                .anyMatch(p -> p.contains("twice"));
    }

    @Test
    void reportsEveryProblemInsideTheBlockWithItsLine() throws IOException {
        assertThat(problems("""
                authorization {
                  users = [
                    { user: a, password: b, colour: red }
                    { nkey: "not-a-key" }
                    { user: c, password: d, permissions: { publish: ["foo..bar"] } }
                  ]
                  bogus: 1
                }
                """)).containsExactlyInAnyOrder(
                "FILE:3: unknown field \"colour\" in user entry",
                "FILE:4: not a valid public nkey for a user: \"not-a-key\"",
                "FILE:5: invalid subject \"foo..bar\" in permissions",
                "FILE:7: unknown field \"bogus\" in authorization");
    }

    @Test
    void limitsBlockValidatesItsValues() throws IOException {
        assertThat(problems("limits { msgs_per_second: -1, rate_limit_policy: maybe }\n")).containsExactlyInAnyOrder(
                "FILE:1: \"msgs_per_second\" cannot be negative, got -1",
                "FILE:1: \"rate_limit_policy\" is slow or refuse, got \"maybe\"");
    }

    @Test
    void flagsStyleBuilderRulesApplyToo() {
        assertThatThrownBy(() -> ServerConfig.builder()
                .authorization(AuthConfig.NONE.withToken("t").withUser("u", "p")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("both a token and a user");
    }
}
