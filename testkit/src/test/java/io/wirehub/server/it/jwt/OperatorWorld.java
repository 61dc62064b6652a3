package io.wirehub.server.it.jwt;

import io.nats.client.NKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operator with a signing key, a system account and two accounts (A exports "shared.>" as a
 * stream, B imports it), each account JWT signed by the operator's signing key, as nsc sets them up;
 * and the config text that trusts them.
 */
public final class OperatorWorld {
    public final NKey operator = JwtFixture.operatorKey();
    public final NKey operatorSigner = JwtFixture.operatorKey();
    public final NKey system = JwtFixture.accountKey();
    public final NKey accountA = JwtFixture.accountKey();
    public final NKey accountB = JwtFixture.accountKey();
    /** A signing key of account A: users it issues name A as issuer_account. */
    public final NKey signerA = JwtFixture.accountKey();
    public final Path dir;
    public final String operatorJwt;
    public final Map<String, String> accountJwts = new LinkedHashMap<>();

    public OperatorWorld() throws IOException {
        dir = Files.createTempDirectory("wirehub-jwt-");
        operatorJwt = JwtFixture.operatorJwt(operator, n -> {
            n.putArray("signing_keys").add(JwtFixture.publicKey(operatorSigner));
            n.put("system_account", JwtFixture.publicKey(system));
        });
        Files.writeString(dir.resolve("operator.jwt"), operatorJwt);
        accountJwts.put(JwtFixture.publicKey(system), JwtFixture.accountJwt(operatorSigner, system, n -> { }));
        accountJwts.put(JwtFixture.publicKey(accountA), accountA(n -> { }));
        accountJwts.put(JwtFixture.publicKey(accountB), JwtFixture.accountJwt(operatorSigner, accountB, n ->
                n.putArray("imports").addObject().put("name", "shared").put("subject", "shared.>")
                        .put("account", JwtFixture.publicKey(accountA)).put("type", "stream")));
    }

    /** Account A's JWT, with extra claims set by {@code more} (revocations, limits...). */
    public String accountA(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> more) {
        return JwtFixture.accountJwt(operatorSigner, accountA, n -> {
            n.putArray("signing_keys").add(JwtFixture.publicKey(signerA));
            n.putArray("exports").addObject().put("name", "shared").put("subject", "shared.>").put("type", "stream");
            more.accept(n);
        });
    }

    public Path operatorFile() {
        return dir.resolve("operator.jwt");
    }

    /** operator + system_account + resolver: MEMORY with every account preloaded. */
    public String memoryConfig() {
        StringBuilder config = new StringBuilder();
        config.append("operator: \"").append(operatorFile()).append("\"\n");
        config.append("system_account: ").append(JwtFixture.publicKey(system)).append('\n');
        config.append("resolver: MEMORY\n");
        config.append("resolver_preload {\n");
        accountJwts.forEach((key, jwt) -> config.append("  ").append(key).append(": \"").append(jwt).append("\"\n"));
        config.append("}\n");
        return config.toString();
    }

    /** A user of account A (issued by A itself) and its creds file. */
    public Path userOfA(NKey user) throws IOException {
        return JwtFixture.creds(dir, JwtFixture.userJwt(accountA, user), JwtFixture.seed(user));
    }

    public Path creds(String jwt, NKey seedOf) throws IOException {
        return JwtFixture.creds(dir, jwt, JwtFixture.seed(seedOf));
    }
}
