package io.wirehub.server.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;

/**
 * Decodes CONNECT JSON the way nats-server's Go decoder does: unknown fields ignored, field names
 * matched case-insensitively, {@code null} leaves a default in place, a value of the wrong type or
 * anything but one JSON object (or {@code null}) is an error that closes the connection silently.
 */
public final class ConnectParser {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ConnectParser() {
    }

    /**
     * @throws ProtocolViolation with {@link ProtocolError#MALFORMED} when the JSON is unusable
     */
    public static ConnectOptions parse(byte[] buf, int offset, int length) throws ProtocolViolation {
        try (JsonParser parser = JSON.createParser(buf, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                requireEnd(parser);
                return ConnectOptions.DEFAULTS;
            }
            if (first != JsonToken.START_OBJECT) {
                throw invalid("CONNECT is not a JSON object");
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName().toLowerCase(Locale.ROOT);
                parser.nextToken();
                fields.read(name, parser);
            }
            requireEnd(parser);
            return fields.toOptions();
        } catch (IOException e) {
            throw invalid("invalid CONNECT JSON: " + e.getMessage());
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException, ProtocolViolation {
        if (parser.nextToken() != null) {
            throw invalid("data after the CONNECT JSON");
        }
    }

    private static ProtocolViolation invalid(String detail) {
        return new ProtocolViolation(ProtocolError.MALFORMED, detail);
    }

    /** The values read so far, starting from nats-server's defaults. */
    private static final class Fields {
        boolean verbose = true;
        boolean pedantic = true;
        boolean tlsRequired;
        String authToken;
        String user;
        String pass;
        String name = "";
        String lang = "";
        String version = "";
        int protocol;
        boolean echo = true;
        String sig;
        String jwt;
        String nkey;
        boolean headers;
        boolean noResponders;
        boolean accountGiven;

        void read(String field, JsonParser p) throws IOException, ProtocolViolation {
            switch (field) {
                case "verbose" -> verbose = bool(p, verbose);
                case "pedantic" -> pedantic = bool(p, pedantic);
                case "tls_required" -> tlsRequired = bool(p, tlsRequired);
                case "auth_token" -> authToken = string(p, authToken);
                case "user" -> user = string(p, user);
                case "pass" -> pass = string(p, pass);
                case "name" -> name = string(p, name);
                case "lang" -> lang = string(p, lang);
                case "version" -> version = string(p, version);
                case "protocol" -> protocol = integer(p, protocol);
                case "echo" -> echo = bool(p, echo);
                case "sig" -> sig = string(p, sig);
                case "jwt" -> jwt = string(p, jwt);
                case "nkey" -> nkey = string(p, nkey);
                case "headers" -> headers = bool(p, headers);
                case "no_responders" -> noResponders = bool(p, noResponders);
                case "account" -> accountGiven |= !string(p, "").isEmpty();
                case "new_account" -> accountGiven |= bool(p, false);
                default -> p.skipChildren();
            }
        }

        ConnectOptions toOptions() {
            return new ConnectOptions(verbose, pedantic, tlsRequired, authToken, user, pass, name, lang,
                    version, protocol, echo, sig, jwt, nkey, headers, noResponders, accountGiven);
        }

        private static boolean bool(JsonParser p, boolean current) throws ProtocolViolation {
            return switch (p.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                case VALUE_NULL -> current;
                default -> throw invalid("expected a boolean for " + safeName(p));
            };
        }

        private static String string(JsonParser p, String current) throws IOException, ProtocolViolation {
            return switch (p.currentToken()) {
                case VALUE_STRING -> p.getText();
                case VALUE_NULL -> current;
                default -> throw invalid("expected a string for " + safeName(p));
            };
        }

        private static int integer(JsonParser p, int current) throws IOException, ProtocolViolation {
            return switch (p.currentToken()) {
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() != JsonParser.NumberType.INT) {
                        throw invalid("protocol out of range");
                    }
                    yield p.getIntValue();
                }
                case VALUE_NULL -> current;
                default -> throw invalid("expected an integer for " + safeName(p));
            };
        }

        private static String safeName(JsonParser p) {
            try {
                return p.currentName();
            } catch (IOException e) {
                return "a field";
            }
        }
    }
}
