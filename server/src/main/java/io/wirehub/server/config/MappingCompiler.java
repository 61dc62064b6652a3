package io.wirehub.server.config;

import io.wirehub.server.subject.MappingDestination;
import io.wirehub.server.subject.Subjects;
import io.wirehub.server.subject.WeightedMapping;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a mapping as written in a config file into the {@link WeightedMapping} routing applies,
 * refusing a bad one with nats-server's words. Subjects are handled one char per byte, as on the
 * wire, so a UTF-8 subject maps (and hashes, for partitions) as nats-server's does.
 */
public final class MappingCompiler {
    private MappingCompiler() {
    }

    /** @throws IllegalArgumentException with the message nats-server gives for the same mapping */
    public static WeightedMapping compile(MappingConfig mapping) {
        String source = wire(mapping.source());
        if (!Subjects.isValidSubscribeSubject(source)) {
            throw new IllegalArgumentException("Subject \"" + mapping.source() + "\" is not a valid subject");
        }
        List<MappingConfig.Destination> destinations = mapping.destinations();
        if (mapping.plain()) {
            try {
                return WeightedMapping.of(source, wire(destinations.getFirst().subject()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Error adding mapping for \"" + mapping.source() + "\" to \""
                        + destinations.getFirst().subject() + "\" : " + e.getMessage(), e);
            }
        }
        List<MappingDestination> compiled = new ArrayList<>();
        for (MappingConfig.Destination destination : destinations) {
            compiled.add(new MappingDestination(destination.subject() == null ? "" : wire(destination.subject()),
                    destination.weight(), destination.cluster()));
        }
        try {
            return WeightedMapping.of(source, compiled);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Error adding mapping for \"" + mapping.source() + "\" : "
                    + e.getMessage(), e);
        }
    }

    private static String wire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
