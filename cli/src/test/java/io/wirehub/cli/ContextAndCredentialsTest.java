package io.wirehub.cli;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * natscli's ways to say how to connect: saved contexts (ADR-21), {@code --creds}, {@code --nkey}
 * and {@code --connection-name}, against a server that demands them.
 */
class ContextAndCredentialsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    Path natsConfig;
    NKey userKey;
    Wirehub server;

    @BeforeEach
    void start() throws Exception {
        natsConfig = Files.createDirectories(dir.resolve("nats"));
        System.setProperty(ConnectionOptions.CONFIG_DIRECTORY_PROPERTY, natsConfig.toString());
        userKey = NKey.createUser(new SecureRandom());
        Path config = Files.writeString(dir.resolve("server.conf"), """
                authorization { users = [
                  { user: alice, password: s3cret }
                  { nkey: %s }
                ] }
                """.formatted(new String(userKey.getPublicKey())));
        server = Wirehub.start(ConfigFileLoader.load(config).builder().host("127.0.0.1").port(0).build());
    }

    @AfterEach
    void stop() {
        System.clearProperty(ConnectionOptions.CONFIG_DIRECTORY_PROPERTY);
        server.close();
    }

    private Path nkeyFile() throws Exception {
        return Files.writeString(dir.resolve("user.nk"), new String(userKey.getSeed()) + "\n");
    }

    private Path context(String name, String json) throws Exception {
        Path contexts = Files.createDirectories(natsConfig.resolve("context"));
        return Files.writeString(contexts.resolve(name + ".json"), json);
    }

    /** Publishes with the command and checks that a subscriber (alice) got the body. */
    private void assertPublishes(String body, String... args) throws Exception {
        Options options = new Options.Builder().server(server.clientUrl()).userInfo("alice", "s3cret").build();
        try (Connection nc = Nats.connect(options)) {
            Subscription sub = nc.subscribe("ctx.test");
            nc.flush(WAIT);
            CommandRun run = CommandRun.of(args);
            assertThat(run.exitCode()).as(run.err()).isZero();
            Message m = sub.nextMessage(WAIT);
            assertThat(m).as("the message published").isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }

    @Test
    void aNamedContextGivesTheUrlAndTheUser() throws Exception {
        context("dev", """
                {"description": "dev", "url": "%s", "user": "alice", "password": "s3cret", "token": ""}
                """.formatted(server.clientUrl()));
        assertPublishes("by name", "pub", "--context", "dev", "ctx.test", "by name");
    }

    @Test
    void theSelectedContextIsUsedWhenNoneIsNamedAndFlagsWinOverIt() throws Exception {
        context("selected", """
                {"url": "%s", "user": "alice", "password": "wrong"}
                """.formatted(server.clientUrl()));
        Files.writeString(natsConfig.resolve("context.txt"), "selected\n");
        CommandRun refused = CommandRun.of("pub", "ctx.test", "x");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("Authorization Violation");
        assertPublishes("flag wins", "pub", "--password", "s3cret", "ctx.test", "flag wins");
        CommandRun without = CommandRun.of("pub", "--no-context", "-s", "nats://127.0.0.1:1", "ctx.test", "x");
        assertThat(without.err()).contains("cannot connect to nats://127.0.0.1:1");
    }

    @Test
    void aContextCanBeGivenAsAPathAndNameAnNkeyFile() throws Exception {
        Path file = context("keyed", """
                {"url": "%s", "nkey": "%s"}
                """.formatted(server.clientUrl(), nkeyFile()));
        assertPublishes("by path", "pub", "--context", file.toString(), "ctx.test", "by path");
    }

    /**
     * natscli's environment variables, read by a separate {@code wirehub} process (the in-process
     * runs above cannot set a variable): NATS_CONTEXT names the context under
     * $XDG_CONFIG_HOME/nats, NATS_URL with NATS_NKEY signs with the key file, and NATS_CREDS is
     * the creds file whose error names it.
     */
    @Test
    void natscliEnvironmentVariablesNameTheContextTheKeyAndTheCreds() throws Exception {
        context("fromenv", """
                {"url": "%s", "user": "alice", "password": "s3cret"}
                """.formatted(server.clientUrl()));
        Options options = new Options.Builder().server(server.clientUrl()).userInfo("alice", "s3cret").build();
        try (Connection nc = Nats.connect(options)) {
            Subscription sub = nc.subscribe("ctx.test");
            nc.flush(WAIT);
            Spawned byContext = spawn(Map.of("XDG_CONFIG_HOME", dir.toString(), "NATS_CONTEXT", "fromenv"),
                    "pub", "ctx.test", "by NATS_CONTEXT");
            assertThat(byContext.exitCode()).as(byContext.output()).isZero();
            assertThat(body(sub.nextMessage(WAIT))).isEqualTo("by NATS_CONTEXT");

            Spawned byKey = spawn(Map.of("NATS_URL", server.clientUrl(), "NATS_NKEY", nkeyFile().toString()),
                    "pub", "ctx.test", "by NATS_NKEY");
            assertThat(byKey.exitCode()).as(byKey.output()).isZero();
            assertThat(body(sub.nextMessage(WAIT))).isEqualTo("by NATS_NKEY");

            Spawned noKey = spawn(Map.of("NATS_URL", server.clientUrl()), "pub", "ctx.test", "refused");
            assertThat(noKey.exitCode()).as("without credentials").isNotZero();
            assertThat(noKey.output()).contains("Authorization Violation");
        }
        Path creds = Files.writeString(dir.resolve("env.creds"), "not a creds file\n");
        Spawned byCreds = spawn(Map.of("NATS_URL", server.clientUrl(), "NATS_CREDS", creds.toString()),
                "pub", "ctx.test", "x");
        assertThat(byCreds.exitCode()).isNotZero();
        assertThat(byCreds.output()).contains("creds file " + creds);
    }

    private record Spawned(int exitCode, String output) {
    }

    /** Runs {@code wirehub args} as its own process, with the NATS_* and XDG_* variables given and no others. */
    private Spawned spawn(Map<String, String> variables, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("NATS_") || name.startsWith("XDG_"));
        builder.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        builder.environment().putAll(variables);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wirehub " + String.join(" ", args) + " did not end");
        }
        return new Spawned(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static String body(Message m) {
        assertThat(m).as("the message published").isNotNull();
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void nkeyFlagSignsTheNonce() throws Exception {
        assertPublishes("nkey", "pub", "-s", server.clientUrl(), "--nkey", nkeyFile().toString(), "ctx.test", "nkey");
    }

    @Test
    void connectionNameIsWhatTheServerSees() throws Exception {
        try (Connection nc = Nats.connect(new Options.Builder().server(server.clientUrl())
                .userInfo("alice", "s3cret").build())) {
            nc.subscribe("ctx.req");
            nc.flush(WAIT);
            var replier = nc.createDispatcher(m -> nc.publish(m.getReplyTo(), "pong".getBytes(StandardCharsets.UTF_8)));
            replier.subscribe("ctx.name");
            nc.flush(WAIT);
            var background = CommandRun.inBackground("sub", "-s", server.clientUrl(), "--user", "alice", "--password",
                    "s3cret", "--connection-name", "orders-watcher", "ctx.never", "--count", "1");
            io.wirehub.testkit.Await.until(WAIT, () -> server.connections().connections().stream()
                    .anyMatch(c -> c.options() != null && "orders-watcher".equals(c.options().name())), "a connection named orders-watcher");
            nc.publish("ctx.never", new byte[0]);
            assertThat(background.get().exitCode()).isZero();
        }
    }

    @Test
    void malformedFilesAreOneLineNamingTheFile() throws Exception {
        Path creds = Files.writeString(dir.resolve("bad.creds"), "-----BEGIN NATS USER JWT-----\nnot-a-jwt\n"
                + "------END NATS USER JWT------\n");
        CommandRun run = CommandRun.of("pub", "-s", server.clientUrl(), "--creds", creds.toString(), "x", "y");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).doesNotContain("\n").contains("creds file " + creds)
                .contains("not three dot-separated parts");

        Path noSeed = Files.writeString(dir.resolve("noseed.creds"), "-----BEGIN NATS USER JWT-----\na.b.c\n"
                + "------END NATS USER JWT------\n");
        assertThat(CommandRun.of("pub", "--creds", noSeed.toString(), "x", "y").err())
                .contains("creds file " + noSeed + " holds no user seed");

        Path badSeed = Files.writeString(dir.resolve("badseed.nk"), "SUNOTAVALIDSEED\n");
        assertThat(CommandRun.of("pub", "--nkey", badSeed.toString(), "x", "y").err())
                .contains("nkey file " + badSeed + ": the seed is not valid");

        Path brokenContext = context("broken", "{ not json");
        assertThat(CommandRun.of("pub", "--context", "broken", "x", "y").err())
                .contains("context file " + brokenContext + " is not valid JSON");
        assertThat(CommandRun.of("pub", "--context", "absent", "x", "y").err())
                .contains("context \"absent\" not found: " + natsConfig.resolve("context/absent.json"));
    }

    @Test
    void aCredsFileGivesItsJwtAndSignsWithItsSeed() throws Exception {
        // The server side of JWTs is tested with the server; here, what the file gives jnats.
        String jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.eyJzdWIiOiJVIn0.c2ln";
        Path creds = Files.writeString(dir.resolve("user.creds"), """
                -----BEGIN NATS USER JWT-----
                %s
                ------END NATS USER JWT------

                ************************* IMPORTANT *************************
                NKEY Seed printed below can be used to sign and prove identity.

                -----BEGIN USER NKEY SEED-----
                %s
                ------END USER NKEY SEED------
                """.formatted(jwt, new String(userKey.getSeed())));
        AuthHandler handler = CredentialFiles.creds(creds);
        assertThat(new String(handler.getJWT())).isEqualTo(jwt);
        byte[] nonce = "a-nonce".getBytes(StandardCharsets.US_ASCII);
        assertThat(userKey.verify(nonce, handler.sign(nonce))).isTrue();
    }

    @Test
    void contextsResolveUnderXdgConfigHome() {
        Path xdg = NatsContext.configDirectory(Map.of("XDG_CONFIG_HOME", "/x/y"), "/home/u");
        assertThat(xdg).isEqualTo(Path.of("/x/y/nats"));
        assertThat(NatsContext.configDirectory(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.config/nats"));
        assertThatThrownBy(() -> NatsContext.resolve("../etc", natsConfig, "/home/u"))
                .hasMessage("context name \"../etc\" is not valid");
    }
}
