package io.wirehub.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectParserTest {

    private static ConnectOptions parse(String json) throws ProtocolViolation {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ConnectParser.parse(bytes, 0, bytes.length);
    }

    @Test
    void missingFieldsTakeNatsServerDefaults() throws Exception {
        ConnectOptions options = parse("{}");
        assertThat(options.verbose()).isTrue();
        assertThat(options.pedantic()).isTrue();
        assertThat(options.echo()).isTrue();
        assertThat(options.headers()).isFalse();
        assertThat(options.noResponders()).isFalse();
        assertThat(options.protocol()).isZero();
        assertThat(parse("null")).isEqualTo(ConnectOptions.DEFAULTS);
    }

    @Test
    void readsWhatJnatsSends() throws Exception {
        ConnectOptions options = parse("{\"lang\":\"java\",\"version\":\"2.22.0\",\"name\":\"app\",\"protocol\":1,"
                + "\"verbose\":false,\"pedantic\":false,\"tls_required\":false,\"echo\":false,\"headers\":true,"
                + "\"no_responders\":true,\"user\":\"u\",\"pass\":\"p\",\"auth_token\":\"t\",\"unknown\":{\"x\":[1,2]}}");
        assertThat(options.lang()).isEqualTo("java");
        assertThat(options.version()).isEqualTo("2.22.0");
        assertThat(options.name()).isEqualTo("app");
        assertThat(options.protocol()).isEqualTo(1);
        assertThat(options.verbose()).isFalse();
        assertThat(options.echo()).isFalse();
        assertThat(options.headers()).isTrue();
        assertThat(options.noResponders()).isTrue();
        assertThat(options.user()).isEqualTo("u");
        assertThat(options.pass()).isEqualTo("p");
        assertThat(options.authToken()).isEqualTo("t");
    }

    @Test
    void fieldNamesMatchCaseInsensitivelyAndNullKeepsDefaults() throws Exception {
        ConnectOptions options = parse("{\"Verbose\":false,\"ECHO\":false,\"pedantic\":null}");
        assertThat(options.verbose()).isFalse();
        assertThat(options.echo()).isFalse();
        assertThat(options.pedantic()).isTrue();
    }

    @Test
    void accountFieldsAreFlagged() throws Exception {
        assertThat(parse("{\"account\":\"A\"}").accountGiven()).isTrue();
        assertThat(parse("{\"new_account\":true}").accountGiven()).isTrue();
        assertThat(parse("{\"account\":\"\"}").accountGiven()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "[]", "1", "{", "{\"verbose\":\"yes\"}", "{\"protocol\":\"1\"}",
            "{\"protocol\":1.5}", "{\"protocol\":99999999999}", "{} {}", "{\"name\":1}"})
    void unusableJsonIsMalformed(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ProtocolViolation.class,
                v -> assertThat(v.error()).isEqualTo(ProtocolError.MALFORMED));
    }
}
