package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jetstream} in every form nats-server 2.10's parseJetStream and parseJetStreamForAccount accept. */
class JetStreamConfigTest {
    @TempDir
    Path dir;

    private Path file;

    private ServerConfig load(String text) throws IOException {
        file = dir.resolve("server.conf");
        Files.writeString(file, text);
        return ConfigFileLoader.load(file, VariableLookup.of(Map.of())).builder().build();
    }

    private List<String> problems(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(text));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(p -> p.replace(file.toString(), "FILE")).toList();
    }

    @Test
    void offUnlessAsked() throws IOException {
        assertThat(load("port: 4222\n").jetstream()).isEqualTo(JetStreamConfig.OFF);
    }

    @Test
    void trueEnabledAndABlockEnable() throws IOException {
        assertThat(load("jetstream: true\n").jetstream().enabled()).isTrue();
        assertThat(load("jetstream: enabled\n").jetstream().enabled()).isTrue();
        assertThat(load("jetstream: Enable\n").jetstream().enabled()).isTrue();
        assertThat(load("jetstream: disabled\n").jetstream().enabled()).isFalse();
        assertThat(load("jetstream: false\n").jetstream().enabled()).isFalse();
        assertThat(load("jetstream {}\n").jetstream().enabled()).isTrue();
        assertThat(load("jetstream { enabled: false, store_dir: /x }\n").jetstream().enabled()).isFalse();
    }

    @Test
    void blockSettingsAreRead() throws IOException {
        JetStreamConfig js = load("""
                jetstream {
                  store_dir: "/var/lib/wh"
                  max_memory_store: 1GB
                  max_file: "10G"
                  domain: hub
                  sync_interval: "30s"
                  unique_tag: " AZ "
                  max_outstanding_catchup: 64MB
                  request_queue_limit: 100
                  limits { max_ack_pending: 1000, max_request_batch: 50, max_ha_assets: 3, duplicate_window: "1m" }
                }
                """).jetstream();
        assertThat(js.enabled()).isTrue();
        assertThat(js.storeDir()).isEqualTo(Path.of("/var/lib/wh"));
        assertThat(js.maxMemory()).isEqualTo(1L << 30);
        assertThat(js.maxStore()).isEqualTo(10L << 30);
        assertThat(js.domain()).isEqualTo("hub");
        assertThat(js.syncInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(js.syncAlways()).isFalse();
        assertThat(js.uniqueTag()).isEqualTo("az");
        assertThat(js.maxCatchup()).isEqualTo(64L << 20);
        assertThat(js.requestQueueLimit()).isEqualTo(100);
        assertThat(js.limits()).isEqualTo(new JetStreamConfig.ServerLimits(1000, 3, 50, Duration.ofMinutes(1)));
        assertThat(load("jetstream { sync: always }\n").jetstream().syncAlways()).isTrue();
        assertThat(load("jetstream { sync: always }\n").jetstream().syncInterval()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void topLevelStoreDirEnablesNothingButIsKept() throws IOException {
        JetStreamConfig js = load("store_dir: /data\n").jetstream();
        assertThat(js.enabled()).isFalse();
        assertThat(js.storeDir()).isEqualTo(Path.of("/data"));
    }

    @Test
    void errorsAreNatsServersAtTheirLine() {
        assertThat(problems("port: 4222\nstore_dir: /a\njetstream { store_dir: /b }\n"))
                .containsExactly("FILE:3: Duplicate 'store_dir' configuration");
        assertThat(problems("jetstream: maybe\n"))
                .containsExactly("FILE:1: Expected 'enabled' or 'disabled' for string value, got 'maybe'");
        assertThat(problems("jetstream: 5\n").get(0))
                .startsWith("FILE:1: Expected map, bool or string to define JetStream, got");
        assertThat(problems("jetstream {\n  max_mem: \"10X\"\n}\n"))
                .containsExactly("FILE:2: max_mem_store sizes defined as strings must end in K, M, G, T");
        assertThat(problems("jetstream {\n  max_file: \"aG\"\n}\n"))
                .containsExactly("FILE:2: max_file_store strconv.ParseInt: parsing \"a\": invalid syntax");
        assertThat(problems("store_dir: \"a\u0000b\"\n").get(0))
                .startsWith("FILE:1: \"store_dir\" is not a usable file name");
        assertThat(problems("include \"a\u0000b\"\n").get(0))
                .startsWith("FILE:1: cannot include");
        assertThat(problems("jetstream {\n  bogus: 1\n}\n"))
                .containsExactly("FILE:2: unknown field \"bogus\" in jetstream");
    }

    @Test
    void accountsEnableJetStreamWithLimits() throws IOException {
        ServerConfig config = load("""
                accounts {
                  A: { users: [{user: a, password: a}], jetstream: enabled }
                  B: { jetstream { max_mem: 1MB, max_file: 2MB, max_streams: 3, max_consumers: 4,
                       max_bytes_required: true, memory_max_stream_bytes: 5, store_max_stream_bytes: 6,
                       max_ack_pending: 7 } }
                  C: { users: [{user: c, password: c}] }
                  D: { jetstream: disabled }
                }
                """);
        Map<String, AccountConfig> byName = new java.util.HashMap<>();
        config.accounts().accounts().forEach(a -> byName.put(a.name(), a));
        assertThat(byName.get("A").jetstream()).isEqualTo(JetStreamAccountLimits.UNLIMITED);
        assertThat(byName.get("B").jetstream()).isEqualTo(
                new JetStreamAccountLimits(1 << 20, 2 << 20, 3, 4, 7, 5, 6, true));
        assertThat(byName.get("C").jetstream()).isNull();
        assertThat(byName.get("D").jetstream()).isNull();
    }

    @Test
    void accountLimitErrorsAreNatsServers() {
        assertThat(problems("accounts { A { jetstream { max_streams: \"x\" } } }\n").get(0))
                .startsWith("FILE:1: Expected a parseable size for \"max_streams\", got");
        assertThat(problems("accounts { A { jetstream { max_bytes_required: 1 } } }\n").get(0))
                .startsWith("FILE:1: Expected a parseable bool for \"max_bytes_required\", got");
        assertThat(problems("accounts { A { jetstream: sometimes } }\n"))
                .containsExactly("FILE:1: Expected 'enabled' or 'disabled' for string value, got 'sometimes'");
    }
}
