package io.wirehub.cli;

import io.wirehub.cli.tls.DevelopmentPki;
import io.wirehub.cli.tls.DevelopmentPki.Issued;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wirehub tls init DIR}: a development CA, a server certificate for localhost, 127.0.0.1
 * and ::1 (plus any {@code --name}), and a client certificate, so TLS and mutual TLS work in two
 * commands. Keys are written readable by the owner only; existing files are never overwritten.
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = WirehubCommand.VersionProvider.class,
        description = {"Write a development CA, a server certificate and a client certificate into DIR.",
                "Not for production: the CA's key is kept beside the certificates."})
public final class TlsInitCommand implements Callable<Integer> {
    /** Password of client.p12, for Java clients; the PEM files carry no password. */
    static final String BUNDLE_PASSWORD = "wirehub";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", defaultValue = "tls", description = "Directory to write (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Option(names = "--name", paramLabel = "HOST", description = "Another name or address for the server certificate (repeatable).")
    private List<String> names = new ArrayList<>();

    @Option(names = "--client", paramLabel = "NAME", defaultValue = "client",
            description = "Common name of the client certificate (default: ${DEFAULT-VALUE}); its e-mail name is NAME@wirehub.local.")
    private String clientName;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        for (String name : List.of("ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem", "client-cert.pem",
                "client-key.pem", "client.p12")) {
            if (Files.exists(dir.resolve(name))) {
                throw new UserFacingException(dir.resolve(name) + " already exists: choose another directory, or"
                        + " remove the old files");
            }
        }
        List<String> serverNames = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        serverNames.addAll(names);
        DevelopmentPki pki = new DevelopmentPki();
        Issued ca = pki.authority("Wirehub Development CA");
        Issued server = pki.server(ca, serverNames);
        Issued client = pki.client(ca, clientName, clientName + "@wirehub.local");
        write("ca.pem", ca.certificatePem(), false);
        write("ca-key.pem", ca.keyPem(), true);
        write("server-cert.pem", server.certificatePem() + ca.certificatePem(), false);
        write("server-key.pem", server.keyPem(), true);
        write("client-cert.pem", client.certificatePem(), false);
        write("client-key.pem", client.keyPem(), true);
        writeBundle("client.p12", client, ca);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote a development CA and certificates for " + String.join(", ", serverNames) + " into " + dir
                + ":");
        out.println("  ca.pem, ca-key.pem                 the CA (trust ca.pem in clients)");
        out.println("  server-cert.pem, server-key.pem    the server's certificate (with the CA) and key");
        out.println("  client-cert.pem, client-key.pem    a client certificate for CN=" + clientName);
        out.println("  client.p12                         the same for Java clients (password " + BUNDLE_PASSWORD + ")");
        out.println();
        out.println("Serve with TLS:     ./wirehub serve --tls --tlscert " + dir.resolve("server-cert.pem") + " --tlskey "
                + dir.resolve("server-key.pem"));
        out.println("Mutual TLS:         add --tlscacert " + dir.resolve("ca.pem") + " --tlsverify");
        out.println("Check it:           ./wirehub server check -s tls://127.0.0.1:4222 --tlsca " + dir.resolve("ca.pem")
                + " --tlscert " + dir.resolve("client-cert.pem") + " --tlskey " + dir.resolve("client-key.pem"));
        return ExitCodes.OK;
    }

    private void write(String name, String content, boolean secret) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (secret) {
                restrict(file);
            }
            out.write(content.getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            throw new UserFacingException(file + " already exists: choose another directory, or remove the old files");
        }
    }

    private void writeBundle(String name, Issued client, Issued ca) throws Exception {
        KeyStore bundle = KeyStore.getInstance("PKCS12");
        bundle.load(null, null);
        bundle.setKeyEntry("client", client.keys().getPrivate(), BUNDLE_PASSWORD.toCharArray(),
                new Certificate[] {client.certificate(), ca.certificate()});
        bundle.setCertificateEntry("ca", ca.certificate());
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            restrict(file);
            bundle.store(out, BUNDLE_PASSWORD.toCharArray());
        } catch (FileAlreadyExistsException e) {
            throw new UserFacingException(file + " already exists: choose another directory, or remove the old files");
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its default permissions stand.
        }
    }
}
