package io.wirehub.server.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request line and headers of an HTTP/1.1 upgrade request, parsed from the bytes before the
 * blank line. Header names are case-insensitive; a header sent twice keeps both values in order.
 */
public final class UpgradeRequest {
    private final String method;
    private final String target;
    private final Map<String, List<String>> headers;

    private UpgradeRequest(String method, String target, Map<String, List<String>> headers) {
        this.method = method;
        this.target = target;
        this.headers = headers;
    }

    /**
     * Parses {@code bytes[0, length)}: a request line and header lines, each ending in CRLF (a bare
     * LF is taken too, as Go's server does). The blank line may be included or not.
     *
     * @throws IllegalArgumentException with a short reason when it is not an HTTP/1.1 request
     */
    public static UpgradeRequest parse(byte[] bytes, int length) {
        // ISO-8859-1 maps each byte to one char: header values that are not ASCII survive unchanged.
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()) {
            throw new IllegalArgumentException("malformed request line");
        }
        if (!requestLine[2].equals("HTTP/1.1")) {
            throw new IllegalArgumentException("unsupported HTTP version");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    || !line.substring(0, colon).strip().equals(line.substring(0, colon))) {
                // Obsolete line folding and spaces before the colon are refused, as RFC 9112 says.
                throw new IllegalArgumentException("malformed header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(line.substring(colon + 1).strip());
        }
        return new UpgradeRequest(requestLine[0], requestLine[1], headers);
    }

    public String method() {
        return method;
    }

    /** The request target as sent, e.g. {@code /} or {@code /nats?x=1}. */
    public String target() {
        return target;
    }

    /** The first value of the header, or null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.getFirst();
    }

    /**
     * Whether any value of the header, read as a comma-separated list, has the token (compared
     * case-insensitively): {@code Connection: keep-alive, Upgrade} contains {@code upgrade}.
     */
    public boolean headerHasToken(String name, String token) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String item : value.split(",")) {
                if (item.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a header lists an extension by name, ignoring its parameters:
     * {@code permessage-deflate; client_max_window_bits} lists {@code permessage-deflate}.
     */
    public boolean offersExtension(String name, String extension) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String item : value.split(",")) {
                int semicolon = item.indexOf(';');
                String extensionName = semicolon < 0 ? item : item.substring(0, semicolon);
                if (extensionName.strip().equalsIgnoreCase(extension)) {
                    return true;
                }
            }
        }
        return false;
    }
}
