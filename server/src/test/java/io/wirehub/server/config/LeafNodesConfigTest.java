package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code leafnodes { remotes }} block in nats-server's syntax, and its errors at file:line. */
class LeafNodesConfigTest {
    @TempDir
    Path dir;

    private Path file;

    private Path write(String text) throws IOException {
        file = dir.resolve("server.conf");
        Files.writeString(file, text);
        return file;
    }

    private List<String> problems(String text) throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigFileLoader.load(write(text), VariableLookup.of(Map.of())).builder().build());
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(p -> p.replace(file.toString(), "FILE")).toList();
    }

    @Test
    void readsRemotesAsNatsServerWritesThem() throws IOException {
        LeafNodesConfig leaf = ConfigFileLoader.load(write("""
                leafnodes {
                  reconnect: "250ms"
                  remotes [
                    { urls: ["nats-leaf://leaf:s3cr3t@hub1:7422", "nats-leaf://hub2"], account: "$G",
                      deny_imports: ["private.>"], deny_exports: "local.>", no_randomize: true,
                      first_info_timeout: "3s" }
                    { url: "nats://hub3:7000", local: APP }
                  ]
                }
                accounts { APP { users: [ {user: a, password: b} ] } }
                """), VariableLookup.of(Map.of())).builder().build().leafNodes();

        assertThat(leaf.reconnect()).isEqualTo(Duration.ofMillis(250));
        assertThat(leaf.remotes()).hasSize(2);
        LeafRemoteConfig first = leaf.remotes().get(0);
        assertThat(first.urls()).containsExactly(URI.create("nats-leaf://leaf:s3cr3t@hub1:7422"),
                URI.create("nats-leaf://hub2"));
        assertThat(first.account()).isEqualTo("$G");
        assertThat(first.denyImports()).containsExactly("private.>");
        assertThat(first.denyExports()).containsExactly("local.>");
        assertThat(first.noRandomize()).isTrue();
        assertThat(first.firstInfoTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(leaf.remotes().get(1).account()).isEqualTo("APP");
        assertThat(leaf.remotes().get(1).firstInfoTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void readsTheHubSide() throws IOException {
        LeafNodesConfig leaf = ConfigFileLoader.load(write("""
                leafnodes {
                  listen: "127.0.0.1:7500"
                  authorization { user: leaf, password: s3cr3t, account: APP, timeout: 2 }
                }
                accounts { APP { users: [ {user: a, password: b} ] } }
                """), VariableLookup.of(Map.of())).builder().build().leafNodes();

        assertThat(leaf.accepting()).isTrue();
        assertThat(leaf.host()).isEqualTo("127.0.0.1");
        assertThat(leaf.port()).isEqualTo(7500);
        assertThat(leaf.user()).isEqualTo("leaf");
        assertThat(leaf.password()).isEqualTo("s3cr3t");
        assertThat(leaf.account()).isEqualTo("APP");
    }

    @Test
    void readsCredentialsAndNkeySeedsButNotBoth() throws IOException {
        String seed = "SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4";
        LeafNodesConfig leaf = ConfigFileLoader.load(write("""
                leafnodes { remotes [
                  { url: "nats-leaf://hub1", credentials: "/etc/leaf.creds" }
                  { url: "nats-leaf://hub2", nkey: "%s" }
                ] }
                """.formatted(seed)), VariableLookup.of(Map.of())).builder().build().leafNodes();
        assertThat(leaf.remotes().get(0).credentials()).isEqualTo(Path.of("/etc/leaf.creds"));
        assertThat(leaf.remotes().get(0).nkeySeed()).isNull();
        assertThat(leaf.remotes().get(1).nkeySeed()).isEqualTo(seed);
        assertThat(leaf.remotes().get(1).toString()).doesNotContain(seed);

        assertThat(problems("""
                leafnodes { remotes [
                  { url: "nats-leaf://hub1", credentials: "/etc/leaf.creds", nkey: "%s" }
                ] }
                """.formatted(seed))).containsExactly(
                "FILE:2: Remote leafnode can not have both creds and nkey defined");
    }

    @Test
    void readsTheHubSidesUsersNkeyAndTls() throws IOException {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        LeafNodesConfig leaf = ConfigFileLoader.load(write("""
                leafnodes {
                  port: 7501
                  authorization {
                    nkey: UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4
                    users [ {user: alice, password: pa, account: APP}, {username: bob, pass: pb} ]
                  }
                  tls { cert_file: "%s", key_file: "%s", verify: true }
                }
                accounts { APP { users: [ {user: a, password: b} ] } }
                """.formatted(cert, cert)), VariableLookup.of(Map.of())).builder().build().leafNodes();
        assertThat(leaf.nkey()).isEqualTo("UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4");
        assertThat(leaf.users()).containsExactly(new LeafNodesConfig.LeafUser("alice", "pa", "APP"),
                new LeafNodesConfig.LeafUser("bob", "pb", "$G"));
        assertThat(leaf.tls().verify()).isTrue();
        assertThat(leaf.hasOwnAuthorization()).isTrue();
    }

    @Test
    void readsWebSocketRemotes() throws IOException {
        LeafNodesConfig leaf = ConfigFileLoader.load(write("""
                leafnodes {
                  remotes [
                    { urls: ["ws://hub1:8080", "wss://leaf:pw@hub2:443/path"], ws_no_masking: true,
                      ws_compression: true }
                    { url: "WS://hub3:8080" }
                    { url: "nats-leaf://hub4" }
                  ]
                }
                """), VariableLookup.of(Map.of())).builder().build().leafNodes();

        LeafRemoteConfig first = leaf.remotes().get(0);
        assertThat(first.webSocket()).isTrue();
        assertThat(first.wsNoMasking()).isTrue();
        assertThat(first.wsCompression()).isTrue();
        assertThat(leaf.remotes().get(1).webSocket()).isTrue();
        assertThat(leaf.remotes().get(1).wsNoMasking()).isFalse();
        assertThat(leaf.remotes().get(1).wsCompression()).isFalse();
        assertThat(leaf.remotes().get(2).webSocket()).isFalse();
        assertThat(LeafRemoteConfig.portOf(URI.create("ws://hub"))).isEqualTo(80);
        assertThat(LeafRemoteConfig.portOf(URI.create("wss://hub"))).isEqualTo(443);
        assertThat(LeafRemoteConfig.portOf(URI.create("nats-leaf://hub"))).isEqualTo(7422);
        assertThat(LeafRemoteConfig.portOf(URI.create("ws://hub:8080"))).isEqualTo(8080);
    }

    @Test
    void refusesARemoteMixingWebSocketAndOtherUrls() throws IOException {
        assertThat(problems("""
                leafnodes {
                  remotes [
                    { urls: ["ws://hub1:8080", "nats-leaf://hub2"] }
                  ]
                }
                """)).containsExactly("FILE:3: remote leaf node configuration cannot have a mix of websocket and"
                + " non-websocket urls");
    }

    @Test
    void reportsEveryProblemAtItsLine() throws IOException {
        assertThat(problems("""
                leafnodes {
                  remotes [
                    { urls: ["nats-leaf://hub1"], colour: blue }
                    { account: "$G" }
                    { url: "nats-leaf://hub2", deny_imports: ["bad..subject"], nkey: "SUAX" }
                    "not a map"
                  ]
                  authorization { nkey: "UBAD" }
                }
                """)).containsExactly(
                "FILE:3: unknown field \"colour\" in remote leafnode",
                "FILE:4: remote leafnode needs at least one url",
                "FILE:5: invalid subject \"bad..subject\" in permissions",
                "FILE:5: Remote leafnode nkey is not a valid seed: \"SUAX\"",
                "FILE:6: Expected remote leafnode entry to be a map/struct, got string \"not a map\"",
                "FILE:8: Not a valid public nkey for leafnode authorization");
    }
}
