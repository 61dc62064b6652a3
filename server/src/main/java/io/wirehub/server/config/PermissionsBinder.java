package io.wirehub.server.config;

import io.wirehub.server.config.ConfigValue.BooleanValue;
import io.wirehub.server.config.ConfigValue.IntegerValue;
import io.wirehub.server.config.ConfigValue.ListValue;
import io.wirehub.server.config.ConfigValue.MapValue;
import io.wirehub.server.config.ConfigValue.StringValue;
import io.wirehub.server.config.PermissionsConfig.Responses;
import io.wirehub.server.config.PermissionsConfig.SubjectRules;
import io.wirehub.server.subject.Subjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code permissions { publish ..., subscribe ..., allow_responses ... }}. Either list may be
 * a subject, a list of subjects (the old style: an allow list) or {@code { allow, deny }}. Subscribe
 * entries may be {@code "subject queue"}. As in nats-server, {@code allow_responses} without a
 * publish allow list turns publishing off except for responses.
 */
final class PermissionsBinder {
    private PermissionsBinder() {
    }

    static PermissionsConfig read(ConfigEntry entry) {
        BlockReader reader = new BlockReader("permissions");
        MapValue map = reader.map(entry);
        SubjectRules[] publish = {SubjectRules.ALL};
        SubjectRules[] subscribe = {SubjectRules.ALL};
        Responses[] responses = {null};
        if (map != null) {
            reader.each(map, Map.of(
                    "publish", e -> publish[0] = rules(e, false),
                    "pub", e -> publish[0] = rules(e, false),
                    "subscribe", e -> subscribe[0] = rules(e, true),
                    "sub", e -> subscribe[0] = rules(e, true),
                    "allow_responses", e -> responses[0] = responses(e),
                    "publish_allow_responses", e -> responses[0] = responses(e)));
        }
        reader.finish();
        if (responses[0] != null && publish[0].allow() == null) {
            publish[0] = new SubjectRules(List.of(), publish[0].deny());
        }
        return new PermissionsConfig(publish[0], subscribe[0], responses[0]);
    }

    private static SubjectRules rules(ConfigEntry entry, boolean queuesAllowed) {
        if (entry.value() instanceof MapValue map) {
            BlockReader reader = new BlockReader(entry.key());
            List<List<String>> allow = new ArrayList<>();
            List<String> deny = new ArrayList<>();
            reader.each(map, Map.of(
                    "allow", e -> allow.add(subjects(e, queuesAllowed)),
                    "deny", e -> deny.addAll(subjects(e, queuesAllowed))));
            reader.finish();
            return new SubjectRules(allow.isEmpty() ? null : allow.getFirst(), deny);
        }
        return new SubjectRules(subjects(entry, queuesAllowed), List.of());
    }

    static List<String> subjects(ConfigEntry entry, boolean queuesAllowed) {
        List<ConfigValue> values = entry.value() instanceof ListValue list ? list.values() : List.of(entry.value());
        List<String> subjects = new ArrayList<>();
        for (ConfigValue value : values) {
            if (!(value instanceof StringValue subject)) {
                throw new InvalidValueException("subjects in \"" + entry.key() + "\" must be strings, got "
                        + value.describe());
            }
            check(subject.value(), queuesAllowed);
            subjects.add(subject.value());
        }
        return subjects;
    }

    private static void check(String rule, boolean queuesAllowed) {
        String[] parts = rule.trim().split("[ \t]+");
        boolean valid = parts.length == 1 ? Subjects.isValidSubscribeSubject(parts[0])
                : queuesAllowed && parts.length == 2 && Subjects.isValidSubscribeSubject(parts[0])
                        && Subjects.isValidSubscribeSubject(parts[1]);
        if (!valid) {
            throw new InvalidValueException("invalid subject \"" + rule + "\" in permissions"
                    + (queuesAllowed ? " (a subject, or \"subject queue\")" : ""));
        }
    }

    private static Responses responses(ConfigEntry entry) {
        if (entry.value() instanceof BooleanValue flag) {
            return flag.value() ? Responses.DEFAULT : null;
        }
        BlockReader reader = new BlockReader(entry.key());
        MapValue map = reader.map(entry);
        int[] max = {Responses.DEFAULT.maxMessages()};
        Duration[] expires = {Responses.DEFAULT.expires()};
        if (map != null) {
            reader.each(map, Map.of(
                    "max", e -> max[0] = EntryValues.smallInteger(e),
                    "max_msgs", e -> max[0] = EntryValues.smallInteger(e),
                    "expires", e -> expires[0] = e.value() instanceof IntegerValue v
                            ? Duration.ofSeconds(v.value()) : EntryValues.duration(e),
                    "ttl", e -> expires[0] = EntryValues.duration(e)));
        }
        reader.finish();
        if (max[0] < 1) {
            throw new InvalidValueException("allow_responses max must be at least 1, got " + max[0]);
        }
        return new Responses(max[0], expires[0]);
    }
}
