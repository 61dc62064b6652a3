package io.wirehub.server.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The mappings of one account, applied to every subject its clients publish on. As in nats-server
 * (selectMappedSubject), the mappings are tried in order and the first whose source matches
 * decides; the others are not looked at, even when the chosen one keeps the subject.
 *
 * <p>Order matters only where sources overlap ("foo.*" and "foo.bar"). nats-server reads a config's
 * mappings out of a Go map, whose order is random, so with overlapping sources its choice can change
 * from one start to the next; the caller that builds this from a config decides the order.
 *
 * <p>Immutable and thread-safe. An account without mappings costs one {@link #isEmpty()} check.
 */
public final class SubjectMappings {
    private static final SubjectMappings NONE = new SubjectMappings(new WeightedMapping[0]);

    private final WeightedMapping[] mappings;

    private SubjectMappings(WeightedMapping[] mappings) {
        this.mappings = mappings;
    }

    public static SubjectMappings none() {
        return NONE;
    }

    /**
     * The mappings in the order given. A source given twice keeps the first one's place and the
     * last one's destinations, as nats-server's AddMapping replaces a mapping of the same source.
     */
    public static SubjectMappings of(List<WeightedMapping> mappings) {
        List<WeightedMapping> ordered = new ArrayList<>(mappings.size());
        for (WeightedMapping mapping : mappings) {
            int same = indexOfSource(ordered, mapping.source());
            if (same >= 0) {
                ordered.set(same, mapping);
            } else {
                ordered.add(mapping);
            }
        }
        return ordered.isEmpty() ? NONE : new SubjectMappings(ordered.toArray(WeightedMapping[]::new));
    }

    public boolean isEmpty() {
        return mappings.length == 0;
    }

    public List<WeightedMapping> mappings() {
        return List.of(mappings);
    }

    /**
     * The subject a message published on {@code subject} is delivered on: the same String instance
     * when no mapping applies or the chosen destination keeps the subject, a new one when mapped,
     * and {@link WeightedMapping#DROPPED} (empty) when the mapping drops it.
     */
    public String map(String subject, RandomGenerator random) {
        for (WeightedMapping mapping : mappings) {
            if (mapping.matches(subject)) {
                return mapping.selectMatched(subject, random);
            }
        }
        return subject;
    }

    private static int indexOfSource(List<WeightedMapping> mappings, String source) {
        for (int i = 0; i < mappings.size(); i++) {
            if (mappings.get(i).source().equals(source)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return List.of(mappings).toString();
    }
}
