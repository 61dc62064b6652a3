package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.Wirehub;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.server.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirehub tls init}: files a TLS server and a mutual-TLS client can use as they are. */
class TlsInitCommandTest {

    @Test
    void writesACaServerAndClientThatWorkTogether(@TempDir Path dir) throws Exception {
        Path tls = dir.resolve("tls");
        CommandRun init = CommandRun.of("tls", "init", tls.toString(), "--name", "wirehub.test");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("--tlscert " + tls.resolve("server-cert.pem"));
        assertThat(Files.getPosixFilePermissions(tls.resolve("server-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        TlsConfig tlsConfig = TlsConfig.OFF.withCertificate(tls.resolve("server-cert.pem"), tls.resolve("server-key.pem"))
                .withCaFile(tls.resolve("ca.pem")).withVerify(true);
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0).tls(tlsConfig).build())) {
            String url = "tls://127.0.0.1:" + server.port();
            CommandRun check = CommandRun.of("server", "check", "-s", url, "--tlsca", tls.resolve("ca.pem").toString(),
                    "--tlscert", tls.resolve("client-cert.pem").toString(), "--tlskey",
                    tls.resolve("client-key.pem").toString());
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            CommandRun withoutClientCert = CommandRun.of("server", "check", "-s", url, "--tlsca",
                    tls.resolve("ca.pem").toString(), "--timeout", "2s");
            assertThat(withoutClientCert.exitCode()).isEqualTo(2);
        }
    }

    @Test
    void neverOverwritesExistingFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "mine");
        CommandRun init = CommandRun.of("tls", "init", dir.toString());
        assertThat(init.exitCode()).isEqualTo(1);
        assertThat(init.err()).contains("ca.pem already exists");
        assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo("mine");
        assertThat(dir.resolve("server-key.pem")).doesNotExist();
    }

    @Test
    void serveRefusesTlsWithoutACertificate() {
        CommandRun run = CommandRun.of("serve", "--tls", "-p", "-1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("TLS needs a certificate and a key");
    }
}
