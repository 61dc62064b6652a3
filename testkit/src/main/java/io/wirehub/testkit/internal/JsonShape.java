package io.wirehub.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A JSON document's shape: every field's dotted path and JSON type (an array's elements under
 * {@code path[]}), to compare a document of ours with nats-server's where the values differ by
 * nature (ids, times, counts).
 */
public final class JsonShape {
    private JsonShape() {
    }

    public static Map<String, String> of(JsonNode node) {
        Map<String, String> fields = new TreeMap<>();
        if (node != null) {
            walk("", node, fields);
        }
        return fields;
    }

    /**
     * What differs between ours and nats-server's: fields it has that ours lacks or types
     * differently, and fields only ours has unless listed in {@code oursAlone}.
     *
     * @param name a label for the messages
     */
    public static List<String> differences(String name, JsonNode ours, JsonNode theirs, Set<String> oursAlone) {
        Map<String, String> expected = of(theirs);
        Map<String, String> actual = of(ours);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> field : expected.entrySet()) {
            String type = actual.get(field.getKey());
            if (type == null) {
                problems.add(name + ": missing " + field.getKey());
            } else if (!type.equals(field.getValue())) {
                problems.add(name + ": " + field.getKey() + " is " + type + ", nats-server's " + field.getValue());
            }
        }
        for (String field : actual.keySet()) {
            if (!expected.containsKey(field) && !oursAlone.contains(field)) {
                problems.add(name + ": extra " + field);
            }
        }
        return problems;
    }

    private static void walk(String path, JsonNode node, Map<String, String> fields) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                fields.put(child, type(field.getValue()));
                walk(child, field.getValue(), fields);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                fields.put(path + "[]", type(element));
                walk(path + "[]", element, fields);
            }
        }
    }

    private static String type(JsonNode node) {
        return node.isNumber() ? "number" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
