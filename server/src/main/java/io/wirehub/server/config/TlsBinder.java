package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.BooleanValue;
import io.wirehub.server.config.ConfigValue.FloatValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a {@code tls { ... }} block as nats-server does:
 * <pre>
 * tls {
 *   cert_file: "server-cert.pem"   # PEM chain, leaf first
 *   key_file:  "server-key.pem"    # PKCS#1, PKCS#8, SEC1 EC, or encrypted PKCS#8 (key_password)
 *   ca_file:   "ca.pem"            # who may sign client certificates
 *   verify:    true                # client certificates required
 *   timeout:   2                   # seconds (or "2s")
 *   handshake_first: auto          # true, false, auto, or a fallback delay such as "300ms"
 * }
 * </pre>
 * plus Wirehub's {@code keystore}/{@code keystore_password} (PKCS#12 or JKS) and
 * {@code key_password}.
 */
final class TlsBinder {
    private static final String NOT_OFFERED = "is not supported by Wirehub";

    private TlsBinder() {
    }

    static TlsConfig read(ConfigEntry entry) {
        return read(entry, false);
    }

    /**
     * A {@code tls} block of a connection this server makes (a leafnode remote): its own
     * certificate is optional (only to be presented when the other side asks for one); ca_file
     * says whom to trust, the JDK's roots when absent.
     */
    static TlsConfig readForDialling(ConfigEntry entry) {
        return read(entry, true);
    }

    private static TlsConfig read(ConfigEntry entry, boolean dialling) {
        BlockReader reader = new BlockReader("tls");
        MapValue map = reader.map(entry);
        Fields f = new Fields();
        if (map != null) {
            Map<String, Consumer<ConfigEntry>> handlers = new HashMap<>();
            handlers.put("cert_file", e -> f.cert = EntryValues.path(e));
            handlers.put("key_file", e -> f.key = EntryValues.path(e));
            handlers.put("key_password", e -> f.keyPassword = EntryValues.string(e));
            handlers.put("keystore", e -> f.keyStore = EntryValues.path(e));
            handlers.put("keystore_password", e -> f.keyStorePassword = EntryValues.string(e));
            handlers.put("ca_file", e -> f.ca = EntryValues.path(e));
            handlers.put("verify", e -> f.verify = EntryValues.bool(e));
            handlers.put("verify_and_map", e -> f.verifyAndMap = EntryValues.bool(e));
            handlers.put("timeout", e -> f.timeout = timeout(e));
            handlers.put("handshake_first", e -> handshakeFirst(e, f));
            handlers.put("first", e -> handshakeFirst(e, f));
            handlers.put("cipher_suites", e -> f.cipherSuites = strings(e));
            handlers.put("min_version", e -> f.minVersion = minVersion(e));
            for (String refused : List.of("insecure", "pinned_certs", "cert_store", "cert_match", "cert_match_by",
                    "cert_match_skip_invalid", "ca_certs_match", "certs", "ocsp_peer", "curve_preferences",
                    "connection_rate_limit", "verify_cert_and_check_known_urls")) {
                handlers.put(refused, e -> {
                    throw new InvalidValueException("\"" + e.key() + "\" in tls " + NOT_OFFERED);
                });
            }
            reader.each(map, handlers);
            if (f.cert == null && f.key == null && f.keyStore == null) {
                if (!dialling) {
                    reader.problem(entry.position(), "tls needs cert_file and key_file, or a keystore");
                }
            } else if (f.keyStore == null && (f.cert == null || f.key == null)) {
                reader.problem(entry.position(), "tls needs both cert_file and key_file");
            } else if (f.keyStore != null && (f.cert != null || f.key != null)) {
                reader.problem(entry.position(), "tls takes cert_file and key_file, or a keystore, not both");
            }
        }
        reader.finish();
        return new TlsConfig(f.cert, f.key, f.keyPassword, f.keyStore, f.keyStorePassword, f.ca, f.verify,
                f.verifyAndMap, f.timeout, f.handshakeFirst, f.fallback, f.cipherSuites, f.minVersion);
    }

    /** The block's values as read so far. */
    private static final class Fields {
        Path cert;
        Path key;
        String keyPassword;
        Path keyStore;
        String keyStorePassword;
        Path ca;
        boolean verify;
        boolean verifyAndMap;
        Duration timeout = TlsConfig.DEFAULT_TIMEOUT;
        boolean handshakeFirst;
        Duration fallback = Duration.ZERO;
        List<String> cipherSuites = List.of();
        String minVersion = "1.2";
    }

    /** Seconds as a number (2, 0.5) or a duration string ("2s"), as nats-server takes it. */
    private static Duration timeout(ConfigEntry entry) {
        Duration timeout;
        if (entry.value() instanceof IntegerValue v) {
            timeout = Duration.ofSeconds(v.value());
        } else if (entry.value() instanceof FloatValue v) {
            timeout = Duration.ofNanos((long) (v.value() * 1e9));
        } else if (entry.value() instanceof StringValue) {
            timeout = EntryValues.duration(entry);
        } else {
            throw EntryValues.expected(entry, "seconds or a duration such as \"2s\"");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidValueException("tls timeout must be positive");
        }
        return timeout;
    }

    /** true, false, "auto"/"auto_fallback" (50 ms fallback), or a fallback delay such as "300ms". */
    private static void handshakeFirst(ConfigEntry entry, Fields f) {
        if (entry.value() instanceof BooleanValue v) {
            f.handshakeFirst = v.value();
            f.fallback = Duration.ZERO;
            return;
        }
        String text = EntryValues.string(entry).toLowerCase(Locale.ROOT);
        f.handshakeFirst = true;
        if (text.equals("auto") || text.equals("auto_fallback")) {
            f.fallback = TlsConfig.DEFAULT_FALLBACK;
            return;
        }
        try {
            f.fallback = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("\"" + entry.key() + "\" is true, false, auto or a duration, got \""
                    + text + "\"");
        }
        if (f.fallback.isNegative() || f.fallback.isZero()) {
            throw new InvalidValueException("\"" + entry.key() + "\" fallback delay must be positive");
        }
    }

    private static List<String> strings(ConfigEntry entry) {
        if (!(entry.value() instanceof ListValue list)) {
            throw EntryValues.expected(entry, "a list of names");
        }
        List<String> names = new ArrayList<>();
        for (ConfigValue value : list.values()) {
            if (!(value instanceof StringValue s)) {
                throw EntryValues.expected(entry, "a list of names");
            }
            names.add(s.value());
        }
        return names;
    }

    private static String minVersion(ConfigEntry entry) {
        String version = EntryValues.string(entry);
        return switch (version) {
            case "1.2", "TLSv1.2", "tls1.2" -> "1.2";
            case "1.3", "TLSv1.3", "tls1.3" -> "1.3";
            default -> throw new InvalidValueException("\"" + entry.key() + "\" is 1.2 or 1.3, got \"" + version
                    + "\"");
        };
    }
}
