package io.wirehub.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void prettyJsonIsLaidOutLikeGosMarshalIndent() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("auth_timeout", 2.0);
        value.put("cpu", 12.5);
        value.put("routes", List.of());
        value.put("cluster", Map.of());
        value.put("subs", List.of("a", "b"));
        String json = new String(JsonBody.pretty(value), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("""
                {
                  "auth_timeout": 2,
                  "cpu": 12.5,
                  "routes": [],
                  "cluster": {},
                  "subs": [
                    "a",
                    "b"
                  ]
                }""");
    }
}
