package io.wirehub.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.config.OperatorConfig.ResolverConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account resolver's requests on the system account, answered as nats-server 2.10 answers
 * them (accounts.go DirAccResolver.Start, events.go accountClaimUpdate, respondToUpdate):
 * <ul>
 *   <li>{@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.UPDATE} (and the older {@code $SYS.ACCOUNT.<key>.CLAIMS.UPDATE}):
 *       a new JWT for an account;</li>
 *   <li>{@code $SYS.REQ.CLAIMS.UPDATE} (full and cache resolvers): the same, the key taken from the JWT;</li>
 *   <li>{@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.LOOKUP} (full and cache): the stored JWT, or an empty reply;</li>
 *   <li>{@code $SYS.REQ.CLAIMS.LIST} (full and cache): the stored account keys.</li>
 * </ul>
 * A JWT that its trusted operators did not issue is refused. An accepted one is stored (for a full
 * or cache resolver, in its directory) and handed to the listener that applies it to the running
 * server. Transport-free on purpose: one method, subject and payload in, response bytes out, so
 * whichever internal service owns the system account's subscriptions can call it.
 *
 * <p>Thread-safe as long as {@link #handle} is called from one thread at a time (updates are
 * applied in the order received).
 */
public final class ClaimsUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimsUpdates.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The subjects to subscribe to for {@link #handle}. */
    public static final String[] SUBJECTS = {"$SYS.REQ.ACCOUNT.*.CLAIMS.UPDATE", "$SYS.ACCOUNT.*.CLAIMS.UPDATE",
        "$SYS.REQ.CLAIMS.UPDATE", "$SYS.REQ.ACCOUNT.*.CLAIMS.LOOKUP", "$SYS.REQ.CLAIMS.LIST"};

    private final JwtAccounts accounts;
    private final ResolverConfig resolver;
    private final Consumer<AccountClaims> apply;
    private final Supplier<Map<String, Object>> serverInfo;

    /**
     * @param apply      applies an accepted account JWT to the running server
     * @param serverInfo the {@code server} object of each response (name, host, id, ver, ...)
     */
    public ClaimsUpdates(JwtAccounts accounts, ResolverConfig resolver, Consumer<AccountClaims> apply,
                         Supplier<Map<String, Object>> serverInfo) {
        this.accounts = accounts;
        this.resolver = resolver;
        this.apply = apply;
        this.serverInfo = serverInfo;
    }

    private boolean stores() {
        return resolver.type() == ResolverConfig.Type.FULL || resolver.type() == ResolverConfig.Type.CACHE;
    }

    /**
     * @return the response's bytes (possibly empty: a lookup that found nothing), or null when this
     *         subject is not one this resolver answers
     */
    public byte[] handle(String subject, byte[] payload) {
        String[] tokens = subject.split("\\.");
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        if (subject.equals("$SYS.REQ.CLAIMS.UPDATE")) {
            return stores() ? update(null, text) : null;
        }
        if (subject.equals("$SYS.REQ.CLAIMS.LIST")) {
            return stores() ? list() : null;
        }
        if (tokens.length == 6 && subject.startsWith("$SYS.REQ.ACCOUNT.") && subject.endsWith(".CLAIMS.UPDATE")) {
            return update(tokens[3], text);
        }
        if (tokens.length == 5 && subject.startsWith("$SYS.ACCOUNT.") && subject.endsWith(".CLAIMS.UPDATE")) {
            return update(tokens[2], text);
        }
        if (tokens.length == 6 && subject.startsWith("$SYS.REQ.ACCOUNT.") && subject.endsWith(".CLAIMS.LOOKUP")) {
            if (!stores()) {
                return null;
            }
            return DirectoryStore.read(resolver.dir(), tokens[3]);
        }
        return null;
    }

    /**
     * @param subjectKey the account key named by the subject, or null for {@code $SYS.REQ.CLAIMS.UPDATE}
     */
    private byte[] update(String subjectKey, String text) {
        boolean cache = resolver.type() == ResolverConfig.Type.CACHE;
        String failed = cache ? "jwt update cache resulted in error" : "jwt update resulted in error";
        if (text.isEmpty() && !stores()) {
            return respond(subjectKey, "jwt update error", "request body is empty");
        }
        AccountClaims claims;
        try {
            claims = AccountClaims.decode(text);
        } catch (Jwt.InvalidJwtException e) {
            // Which key the error names differs by resolver, as in nats-server.
            String named = subjectKey == null || resolver.type() == ResolverConfig.Type.FULL ? "n/a" : subjectKey;
            return respond(stores() ? named : subjectKey, failed, e.getMessage());
        }
        String key = subjectKey == null ? claims.publicKey() : subjectKey;
        if (!claims.publicKey().equals(key)) {
            return respond(key, failed, "subject does not match jwt content");
        }
        boolean trusted = accounts.operators().issued(claims);
        if (!stores()) {
            // MEMORY (events.go accountClaimUpdate): only accounts the server has are updated.
            if (accounts.get(key) == null || !accounts.inUse(key)) {
                return respond(key, "jwt update skipped", null);
            }
            if (!trusted) {
                return respond(key, failed, "account validation failed");
            }
            return apply(claims, "jwt updated");
        }
        if (cache && !accounts.inUse(key)) {
            return respond(key, "jwt update cache skipped", null);
        }
        String updated = cache ? "jwt updated cache" : "jwt updated";
        AccountClaims existing = accounts.get(key);
        if (existing != null && existing.jwt().issuedAt() > claims.jwt().issuedAt()) {
            // dirstore's saveIfNewer: an older JWT is ignored, and the answer is still success.
            return respond(key, updated, null);
        }
        try {
            DirectoryStore.write(resolver.dir(), claims);
        } catch (IOException e) {
            return respond(key, failed, e.getMessage());
        }
        if (!trusted) {
            // nats-server's dirstore keeps what it is sent and answers success; applying the JWT to
            // the account is what fails (logged), so the account's users are still refused.
            LOG.error("DirResolver - Update for account \"{}\" resulted in error account validation failed", key);
            return respond(key, updated, null);
        }
        return apply(claims, updated);
    }

    private byte[] apply(AccountClaims claims, String message) {
        AccountClaims existing = accounts.get(claims.publicKey());
        if (existing == null || !existing.jwt().text().equals(claims.jwt().text())) {
            accounts.put(claims);
            apply.accept(claims);
        }
        return respond(claims.publicKey(), message, null);
    }

    private byte[] list() {
        // Go marshals the response map with its keys sorted: "data" before "server".
        ObjectNode response = JSON.createObjectNode();
        var data = response.putArray("data");
        try {
            new TreeSet<>(DirectoryStore.keys(resolver.dir())).forEach(data::add);
        } catch (IOException e) {
            LOG.error("list request error: {}", e.toString());
            return null; // nats-server lets the requester time out
        }
        response.set("server", JSON.valueToTree(serverInfo.get()));
        return bytes(response);
    }

    /** nats-server's respondToUpdate: {@code data} with code 200 and the message, or {@code error} with 500. */
    private byte[] respond(String account, String message, String error) {
        if (error == null) {
            LOG.debug("{} - {}", message, account);
        } else {
            LOG.error("{} - {} - {}", message, account, error);
        }
        // Go marshals the response map with its keys sorted: "data"/"error" before "server".
        ObjectNode response = JSON.createObjectNode();
        ObjectNode body = response.putObject(error == null ? "data" : "error");
        if (account != null && !account.isEmpty()) {
            body.put("account", account);
        }
        if (error == null) {
            body.put("code", 200);
            body.put("message", message);
        } else {
            body.put("code", 500);
            body.put("description", message + " - " + error);
        }
        response.set("server", JSON.valueToTree(serverInfo.get()));
        return bytes(response);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory a full or cache resolver stores in, or null. */
    public Path directory() {
        return resolver.dir();
    }
}
