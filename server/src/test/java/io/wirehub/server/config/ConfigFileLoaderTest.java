package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileLoaderTest {

    @TempDir
    Path dir;

    private Path file;

    private Path write(String text) throws IOException {
        file = dir.resolve("server.conf");
        Files.writeString(file, text);
        return file;
    }

    private ServerConfig load(String text) throws IOException {
        return load(text, Map.of());
    }

    private ServerConfig load(String text, Map<String, String> environment) throws IOException {
        return ConfigFileLoader.load(write(text), VariableLookup.of(environment)).builder().build();
    }

    /** The problems loading {@code text} must produce, with the file's path replaced by "FILE". */
    private List<String> problems(String text) throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigFileLoader.load(write(text), VariableLookup.of(Map.of())));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(p -> p.replace(file.toString(), "FILE")).toList();
    }

    @Test
    void bindsEverySupportedKey() throws IOException {
        ServerConfig c = load("""
                host: 127.0.0.1
                port: 4333
                server_name: edge-1
                max_payload: 2MB
                max_control_line: 8kb
                max_pending: 128MB
                max_connections: 100
                max_subscriptions: 50
                ping_interval: "30s"
                ping_max: 3
                write_deadline: "5s"
                lame_duck_duration: "1m"
                lame_duck_grace_period: "5s"
                no_header_support: true
                disable_short_first_ping: yes
                max_closed_clients: 5
                pid_file: "run/wirehub.pid"
                ports_file_dir: /tmp/ports
                debug: true
                trace: on
                logtime: false
                log_file: logs/wirehub.log
                """);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(4333);
        assertThat(c.serverName()).isEqualTo("edge-1");
        assertThat(c.maxPayload()).isEqualTo(2 * 1024 * 1024);
        assertThat(c.maxControlLine()).isEqualTo(8192);
        assertThat(c.maxPending()).isEqualTo(128L * 1024 * 1024);
        assertThat(c.maxConnections()).isEqualTo(100);
        assertThat(c.maxSubscriptions()).isEqualTo(50);
        assertThat(c.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pingMax()).isEqualTo(3);
        assertThat(c.writeDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.lameDuckDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.lameDuckGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.noHeaderSupport()).isTrue();
        assertThat(c.disableShortFirstPing()).isTrue();
        assertThat(c.maxClosedClients()).isEqualTo(5);
        // Relative paths stay relative: they mean the working directory, as with nats-server.
        assertThat(c.pidFile()).isEqualTo(Path.of("run/wirehub.pid"));
        assertThat(c.portsFileDir()).isEqualTo(Path.of("/tmp/ports"));
        assertThat(c.logging()).isEqualTo(new ServerConfig.LoggingConfig(true, true, false, Path.of("logs/wirehub.log")));
    }

    @Test
    void anEmptyFileGivesTheDefaultsAndAWarning() throws IOException {
        LoadedConfigFile loaded = ConfigFileLoader.load(write("# nothing\n"), VariableLookup.of(Map.of()));
        assertThat(loaded.builder().build()).isEqualTo(ServerConfig.defaults());
        assertThat(loaded.warnings()).containsExactly(file + ": config has no values or is empty");
    }

    @Test
    void acceptsTheAliasesNatsServerHasAndKeysInAnyCase() throws IOException {
        ServerConfig c = load("net: 10.0.0.1\nmax_conn: 7\nmax_subs: 8\npidfile: a.pid\nlogfile: a.log\nPORT: 5000\n");
        assertThat(c.host()).isEqualTo("10.0.0.1");
        assertThat(c.maxConnections()).isEqualTo(7);
        assertThat(c.maxSubscriptions()).isEqualTo(8);
        assertThat(c.pidFile()).isEqualTo(Path.of("a.pid"));
        assertThat(c.logging().logFile()).isEqualTo(Path.of("a.log"));
        assertThat(c.port()).isEqualTo(5000);
    }

    @Test
    void listenTakesHostAndPortInEveryForm() throws IOException {
        assertThat(load("listen: 127.0.0.1:-1")).extracting(ServerConfig::host, ServerConfig::port)
                .containsExactly("127.0.0.1", -1);
        assertThat(load("listen: \"[::]:4223\"")).extracting(ServerConfig::host, ServerConfig::port)
                .containsExactly("::", 4223);
        assertThat(load("listen: localhost:4224")).extracting(ServerConfig::host, ServerConfig::port)
                .containsExactly("localhost", 4224);
        assertThat(load("host: 10.1.1.1\nlisten: 4225")).extracting(ServerConfig::host, ServerConfig::port)
                .containsExactly("10.1.1.1", 4225);
        assertThat(load("host: 10.1.1.1\nlisten: :4226")).extracting(ServerConfig::host, ServerConfig::port)
                .containsExactly(Defaults.HOST, 4226);
    }

    @ParameterizedTest
    @ValueSource(strings = {"listen: 127.0.0.1", "listen: \"::1:4222\"", "listen: \"[::1]\"", "listen: localhost:http"})
    void refusesListenValuesNatsServerRefuses(String text) throws IOException {
        assertThat(problems(text)).singleElement().asString().startsWith("FILE:1: could not parse");
    }

    @Test
    void durationsMayBeBareSecondsWithAWarning() throws IOException {
        LoadedConfigFile loaded = ConfigFileLoader.load(write("ping_interval: 5\nwrite_deadline: 2m\n"),
                VariableLookup.of(Map.of()));
        ServerConfig c = loaded.builder().build();
        assertThat(c.pingInterval()).isEqualTo(Duration.ofSeconds(5));
        // Unquoted 2m is the integer 2,000,000 (a size), so this is 2,000,000 seconds, as in nats-server.
        assertThat(c.writeDeadline()).isEqualTo(Duration.ofSeconds(2_000_000));
        assertThat(loaded.warnings()).containsExactly(
                file + ":1: invalid use of field \"ping_interval\": ping_interval should be converted to a duration such as \"5s\"",
                file + ":2: invalid use of field \"write_deadline\": write_deadline should be converted to a duration such as \"2000000s\"");
    }

    @Test
    void unquotedDurationStringsWork() throws IOException {
        assertThat(load("ping_interval: 1h30m").pingInterval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(load("write_deadline: 500ms").writeDeadline()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void checksTypesAndNamesTheKeyAndLine() throws IOException {
        assertThat(problems("""
                port: "4222"
                debug: "true"
                server_name: 42
                ping_interval: "2 minutes"
                lame_duck_duration: 60
                max_payload: 3gb
                pid_file: [a, b]
                listen: true
                """)).containsExactly(
                "FILE:1: \"port\" expects an integer, got string \"4222\"",
                "FILE:2: \"debug\" expects a boolean (true/false, yes/no, on/off), got string \"true\"",
                "FILE:3: \"server_name\" expects a string, got integer 42",
                "FILE:4: error parsing ping_interval: unknown unit \" minutes\" in duration \"2 minutes\"",
                "FILE:5: \"lame_duck_duration\" expects a duration such as \"2m\" or \"10s\", got integer 60",
                "FILE:6: max_payload value is too big",
                "FILE:7: \"pid_file\" expects a string, got list",
                "FILE:8: \"listen\" expects a port or host:port, got boolean true");
    }

    @Test
    void refusesUnknownAndUnsupportedKeysEachInItsOwnWords() throws IOException {
        assertThat(problems("""
                port: 4222
                foo: 1
                jetstream {
                  store_dir: /tmp/js
                }
                cluster { port: 6222 }
                leafnodes { tls { } }
                prof_port: 6060
                syslog: true
                mqtt { port: 1883 }
                JetStream: enabled
                """)).containsExactly(
                "FILE:2: unknown field \"foo\"",
                "FILE:6: \"cluster\" is not supported by Wirehub",
                "FILE:7: tls needs cert_file and key_file, or a keystore",
                "FILE:8: \"prof_port\" is not supported by Wirehub",
                "FILE:9: \"syslog\" is not supported by Wirehub",
                "FILE:10: \"mqtt\" is not supported by Wirehub");
    }

    @Test
    void monitoringIsOffByDefaultAndOnTheClientHostUnlessAnAddressIsGiven() throws IOException {
        // nats-server's http_host: the client host (0.0.0.0 by default), unless the address names one.
        assertThat(load("port: 4222\n").monitoring().enabled()).isFalse();
        assertThat(load("http_port: 8222\n").monitoring()).isEqualTo(new MonitoringConfig("0.0.0.0", 8222));
        assertThat(load("monitor_port: 8222\n").monitoring()).isEqualTo(new MonitoringConfig("0.0.0.0", 8222));
        assertThat(load("http: 8222\n").monitoring()).isEqualTo(new MonitoringConfig("0.0.0.0", 8222));
        assertThat(load("host: 127.0.0.1\nhttp: 8222\n").monitoring()).isEqualTo(new MonitoringConfig("127.0.0.1", 8222));
        assertThat(load("http: 8222\nhost: \"::1\"\n").monitoring()).isEqualTo(new MonitoringConfig("::1", 8222));
        assertThat(load("http: \"0.0.0.0:8222\"\n").monitoring()).isEqualTo(new MonitoringConfig("0.0.0.0", 8222));
        assertThat(load("http: \"[::1]:-1\"\n").monitoring()).isEqualTo(new MonitoringConfig("::1", -1));
        assertThat(problems("http: \"nowhere\"\n")).singleElement().asString()
                .startsWith("FILE:1: ").contains("nowhere");
        assertThat(problems("port: 8222\nhttp: 8222\n")).singleElement().asString()
                .contains("monitoring port 8222 is the client port too");
        assertThat(problems("http_port: 70000\n")).singleElement().asString().contains("out of range");
    }

    @Test
    void readsTheTlsBlockAsNatsServerDoes() throws IOException {
        ServerConfig c = load("""
                tls {
                  cert_file: "server.pem"
                  key_file: "server-key.pem"
                  ca_file: "ca.pem"
                  verify: true
                  timeout: 0.5
                  handshake_first: auto
                  min_version: "1.3"
                }
                """);
        TlsConfig tls = c.tls();
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.certFile()).isEqualTo(Path.of("server.pem"));
        assertThat(tls.verifiesClients()).isTrue();
        assertThat(tls.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(tls.handshakeFirst()).isTrue();
        assertThat(tls.handshakeFirstFallback()).isEqualTo(Duration.ofMillis(50));
        assertThat(tls.minVersion()).isEqualTo("1.3");
        assertThat(c.authTimeout()).as("TLS timeout + 1 s when not given").isEqualTo(Duration.ofMillis(1500));

        assertThat(load("tls { cert_file: a, key_file: b, timeout: \"3s\", handshake_first: \"300ms\" }\n").tls())
                .satisfies(t -> {
                    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(t.handshakeFirstFallback()).isEqualTo(Duration.ofMillis(300));
                });
        assertThat(load("tls { cert_file: a, key_file: b }\nauthorization { timeout: 5 }\n").authTimeout())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesIncompleteOrConflictingTls() throws IOException {
        assertThat(problems("tls { cert_file: a }\n")).singleElement().asString()
                .contains("tls needs both cert_file and key_file");
        assertThat(problems("tls { cert_file: a, key_file: b, insecure: true }\n")).singleElement().asString()
                .contains("\"insecure\" in tls is not supported by Wirehub");
        assertThat(problems("tls { cert_file: a, key_file: b, handshake_first: sometimes }\n")).singleElement()
                .asString().contains("true, false, auto or a duration");
        assertThat(problems("allow_non_tls: true\n")).singleElement().asString()
                .contains("allow_non_tls needs a tls block");
        assertThat(problems("tls { cert_file: a, key_file: b, verify_and_map: true }\n")).singleElement().asString()
                .contains("verify_and_map needs an authorization users list");
        assertThat(problems("authorization { users = [ {user: bob} ] }\n")).singleElement().asString()
                .contains("user \"bob\" has no password");
    }

    @Test
    void readsUnixUdpAndSocketOptionBlocks() throws IOException {
        ServerConfig c = load("""
                unix { path: "/run/wh.sock", mode: "0660", socket_options { receive_buffer: 1MB, backlog: 128 } }
                udp { listen: "127.0.0.1:4333", rate_per_source: 50, publish: ["sensors.>"] }
                socket_options { no_delay: false, keep_alive: false, send_buffer: 256KB }
                """);
        assertThat(c.unix().path()).isEqualTo(Path.of("/run/wh.sock"));
        assertThat(c.unix().mode()).isEqualTo(0660);
        assertThat(c.unix().options().receiveBuffer()).isEqualTo(1024 * 1024);
        assertThat(c.unix().options().backlog()).isEqualTo(128);
        assertThat(c.udp()).isEqualTo(new UdpConfig("127.0.0.1", 4333, 50, List.of("sensors.>")));
        assertThat(c.socketOptions()).isEqualTo(new SocketOptionsConfig(false, false, true, 0, 256 * 1024, 4096));
        assertThat(load("unix { path: /tmp/a.sock, mode: 640 }\n").unix().mode()).as("digits read as octal")
                .isEqualTo(0640);
        assertThat(load("udp { port: -1 }\n").udp().host()).as("loopback by default").isEqualTo("127.0.0.1");
    }

    @Test
    void readsTheWebSocketBlockAsNatsServerDoes() throws IOException {
        WebSocketConfig ws = load("""
                websocket {
                  listen: "127.0.0.1:8080"
                  no_tls: true
                  compression: true
                  same_origin: true
                  allowed_origins: ["http://localhost:3000", "https://app.example.com"]
                  handshake_timeout: "3s"
                }
                """).websocket();
        assertThat(ws.enabled()).isTrue();
        assertThat(ws.host()).isEqualTo("127.0.0.1");
        assertThat(ws.port()).isEqualTo(8080);
        assertThat(ws.noTls()).isTrue();
        assertThat(ws.compression()).isTrue();
        assertThat(ws.sameOrigin()).isTrue();
        assertThat(ws.allowedOrigins()).containsExactly("http://localhost:3000", "https://app.example.com");
        assertThat(ws.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(load("ws { port: -1, tls { cert_file: a, key_file: b } }\n").websocket().scheme())
                .isEqualTo("wss");
    }

    @Test
    void refusesAWebSocketWithoutTlsOrWithAnOverride() throws IOException {
        assertThat(problems("websocket { port: 8080 }\n")).singleElement().asString()
                .contains("websocket requires TLS configuration");
        assertThat(problems("websocket { port: 8080, no_tls: true, jwt_cookie: jwt }\n")).singleElement()
                .asString().contains("\"jwt_cookie\" in websocket is not supported by Wirehub");
        assertThat(problems("websocket { port: 8080, no_tls: true, allowed_origins: [\"localhost\"] }\n"))
                .singleElement().asString().contains("is not scheme://host[:port]");
    }

    @Test
    void refusesBadUnixUdpAndSocketOptionValues() throws IOException {
        assertThat(problems("unix { mode: 600 }\n")).singleElement().asString()
                .contains("unix needs a path");
        assertThat(problems("unix { path: /tmp/a.sock, mode: \"0689\" }\n")).singleElement().asString()
                .contains("octal digits");
        assertThat(problems("udp { host: 127.0.0.1 }\n")).singleElement().asString().contains("udp needs a port");
        assertThat(problems("udp { port: 4333, publish: [\"a..b\"] }\n")).singleElement().asString()
                .contains("invalid subject");
        assertThat(problems("socket_options { backlog: 0 }\n")).singleElement().asString()
                .contains("\"backlog\" must be between 1 and 65535");
        assertThat(problems("socket_options { nodelay: true }\n")).singleElement().asString()
                .contains("unknown field \"nodelay\" in socket_options");
        assertThat(problems("udp { port: 4333 }\nauthorization { token: s3cret }\n")).singleElement().asString()
                .contains("udp with authorization needs a publish list");
    }

    @Test
    void monitoringFlagValuesAreAPortOrHostAndPort() {
        assertThat(MonitoringConfig.parse("8222")).isEqualTo(new MonitoringConfig(null, 8222));
        assertThat(MonitoringConfig.parse("-1")).isEqualTo(new MonitoringConfig(null, -1));
        assertThat(MonitoringConfig.parse("0.0.0.0:8222")).isEqualTo(new MonitoringConfig("0.0.0.0", 8222));
        assertThat(MonitoringConfig.parse("[::]:8222")).isEqualTo(new MonitoringConfig("::", 8222));
        assertThatThrownBy(() -> MonitoringConfig.parse("eighty")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("neither a port nor host:port");
    }

    @Test
    void aKeyThatOnlyHoldsAValueForVariablesIsNotUnknown() throws IOException {
        ServerConfig c = load("MY_PORT: 4999\nport: $MY_PORT\n");
        assertThat(c.port()).isEqualTo(4999);
        assertThat(problems("UNUSED: 1\nport: 4222\n")).containsExactly("FILE:1: unknown field \"UNUSED\"");
    }

    @Test
    void variablesComeFromTheInjectedEnvironment() throws IOException {
        ServerConfig c = load("port: $WIREHUB_PORT\nserver_name: $NAME\n", Map.of("WIREHUB_PORT", "4555", "NAME", "n1"));
        assertThat(c.port()).isEqualTo(4555);
        assertThat(c.serverName()).isEqualTo("n1");
    }

    @Test
    void reportsRangeRulesAtTheLineThatSetTheValue() throws IOException {
        assertThat(problems("""
                port: 70000
                max_payload: 100MB
                ping_max: 0
                lame_duck_duration: "10s"
                lame_duck_grace_period: "20s"
                """)).containsExactly(
                "FILE:1: port 70000 is out of range (0-65535, or -1 for any free port)",
                "FILE:2: max_payload (104857600) cannot be higher than max_pending (67108864)",
                "FILE:3: ping_max must be positive, got 0",
                "FILE:5: lame_duck_grace_period (PT20S) must be shorter than lame_duck_duration (PT10S)");
    }

    @Test
    void aRangeRuleIsReportedAtTheListenLineWhenListenSetThePort() throws IOException {
        assertThat(problems("\nlisten: 0.0.0.0:99999\n"))
                .containsExactly("FILE:2: port 99999 is out of range (0-65535, or -1 for any free port)");
    }

    @Test
    void reportsEveryKindOfProblemTogetherInOnePass() throws IOException {
        Path included = dir.resolve("extra.conf");
        Files.writeString(included, "max_pending: 1MB\nbroken: [1,,2]\n");
        assertThat(problems("""
                port: "x"
                bogus: 1
                include extra.conf
                name: $UNDEFINED
                mqtt { port: 1883 }
                debug: maybe
                """)).containsExactly(
                dir.resolve("extra.conf") + ":2: unexpected ',' in a list: expected a value (included from FILE:3)",
                "FILE:4: variable reference for 'UNDEFINED' can not be found",
                "FILE:1: \"port\" expects an integer, got string \"x\"",
                "FILE:2: unknown field \"bogus\"",
                "FILE:5: \"mqtt\" is not supported by Wirehub",
                "FILE:6: \"debug\" expects a boolean (true/false, yes/no, on/off), got string \"maybe\"");
    }

    @Test
    void aSyntaxErrorStillLetsEarlierKeysBeChecked() throws IOException {
        assertThat(problems("port: 4222\nfoo: 1\nlisten: [::]:4222\nbar: 2\n")).containsExactly(
                "FILE:3: expected a new line, ';' or a comment after the value of \"listen\" but found ':'",
                "FILE:2: unknown field \"foo\"");
    }

    @Test
    void anErrorInsideAnIncludedFileNamesThatFile() throws IOException {
        Path included = dir.resolve("limits.conf");
        Files.writeString(included, "\n\nmax_payload: lots\n");
        assertThat(problems("port: 4222\ninclude limits.conf\n"))
                .containsExactly(included + ":3: \"max_payload\" expects an integer, got string \"lots\"");
    }

    @Test
    void aMissingFileIsAProblem() {
        Path missing = dir.resolve("nope.conf");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFileLoader.load(missing));
        assertThat(e.problems()).containsExactly("cannot read config file " + missing + ": no such file");
    }

    @Test
    void commandLineFlagsAppliedAfterwardsWin() throws IOException {
        LoadedConfigFile loaded = ConfigFileLoader.load(write("port: 4222\nserver_name: from-file\n"),
                VariableLookup.of(Map.of()));
        ServerConfig c = loaded.builder().port(5555).build();
        assertThat(c.port()).isEqualTo(5555);
        assertThat(c.serverName()).isEqualTo("from-file");
    }

    // Files the client test harnesses write when they start "nats-server".

    @Test
    void readsAHarnessFileWithJustAPort() throws IOException {
        assertThat(load("port: 4222\n").port()).isEqualTo(4222);
    }

    @Test
    void readsAHarnessFileWithThePortAppendedAfterTheBlocks() throws IOException {
        String text = """
                server_name: test
                ping_interval: "10s"
                debug: false
                nested {
                  a: 1
                }
                port: 51234
                """;
        // A block Wirehub does not know is reported; the appended port is still read.
        ConfigFileParser.Result parsed = ConfigFileParser.parse(write(text), VariableLookup.of(Map.of()));
        assertThat(parsed.problems()).isEmpty();
        assertThat(ParsedText.plain(parsed.root().get("port").value())).isEqualTo(51234L);
        assertThat(problems(text)).containsExactly("FILE:4: unknown field \"nested\"");
        assertThat(load(text.replace("nested {\n  a: 1\n}\n", "")).port()).isEqualTo(51234);
    }

    @Test
    void readsAHarnessFileInTheNatsJsLauncherStyle() throws IOException {
        // nats.js's test launcher writes "key: value" lines, quotes strings that start with a digit,
        // and lets nats-server pick the port.
        ServerConfig c = load("""
                host: 127.0.0.1
                port: -1
                server_name: "4a9c"
                ports_file_dir: /tmp/nats_ports
                """);
        assertThat(c.port()).isEqualTo(-1);
        assertThat(c.randomPort()).isTrue();
        assertThat(c.serverName()).isEqualTo("4a9c");
        assertThat(c.portsFileDir()).isEqualTo(Path.of("/tmp/nats_ports"));
    }
}
