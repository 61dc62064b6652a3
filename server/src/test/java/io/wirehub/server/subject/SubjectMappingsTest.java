package io.wirehub.server.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SubjectMappingsTest {
    private final RandomGenerator random = new SplittableRandom(1);

    @Test
    void noMappingsIsEmptyAndLeavesSubjectsAlone() {
        String subject = "foo";
        assertThat(SubjectMappings.none().isEmpty()).isTrue();
        assertThat(SubjectMappings.of(List.of()).isEmpty()).isTrue();
        assertThat(SubjectMappings.none().map(subject, random)).isSameAs(subject);
    }

    @Test
    void mapsAsNatsServersConfigurationTest() {
        // TestGlobalAccountRouteMappingsConfiguration, without the weighted foo.* entry.
        SubjectMappings mappings = SubjectMappings.of(List.of(
                WeightedMapping.of("foo", "bar"),
                WeightedMapping.of("bar.*.*", "RAB.$2.$1")));
        assertThat(mappings.isEmpty()).isFalse();
        assertThat(mappings.map("foo", random)).isEqualTo("bar");
        assertThat(mappings.map("bar.11.22", random)).isEqualTo("RAB.22.11");
        String unmapped = "bar.11";
        assertThat(mappings.map(unmapped, random)).isSameAs(unmapped);
    }

    @Test
    void theFirstMatchingSourceWins() {
        WeightedMapping wildcard = WeightedMapping.of("foo.*", "wild.$1");
        WeightedMapping literal = WeightedMapping.of("foo.bar", "literal");
        assertThat(SubjectMappings.of(List.of(wildcard, literal)).map("foo.bar", random)).isEqualTo("wild.bar");
        assertThat(SubjectMappings.of(List.of(literal, wildcard)).map("foo.bar", random)).isEqualTo("literal");
    }

    @Test
    void aMatchThatKeepsTheSubjectStillEndsTheSearch() {
        String subject = "foo.bar";
        SubjectMappings mappings = SubjectMappings.of(List.of(
                WeightedMapping.of("foo.*", List.of()),
                WeightedMapping.of("foo.bar", "never")));
        assertThat(mappings.map(subject, random)).isSameAs(subject);
    }

    @Test
    void theSameSourceAgainReplacesTheEarlierMappingInItsPlace() {
        SubjectMappings mappings = SubjectMappings.of(List.of(
                WeightedMapping.of("foo.bar", "first"),
                WeightedMapping.of("foo.*", "wild.$1"),
                WeightedMapping.of("foo.bar", "second")));
        assertThat(mappings.mappings()).extracting(WeightedMapping::source).containsExactly("foo.bar", "foo.*");
        assertThat(mappings.map("foo.bar", random)).isEqualTo("second");
    }

    @Test
    void publishedWildcardTokensMatchOnlyWildcardsOfTheSource() {
        // A non-pedantic client may publish on "foo.*"; nats-server's subset match decides.
        SubjectMappings mappings = SubjectMappings.of(List.of(
                WeightedMapping.of("foo.bar", "literal"),
                WeightedMapping.of("foo.*", "wild.$1")));
        assertThat(mappings.map("foo.*", random)).isEqualTo("wild.*");
        assertThat(mappings.map("foo.>", random)).isEqualTo("foo.>");
    }

    @Test
    void aDroppedMessageMapsToTheEmptySubject() {
        SubjectMappings mappings = SubjectMappings.of(List.of(
                WeightedMapping.of("bar", List.of(MappingDestination.of("bar", 0)))));
        assertThat(mappings.map("bar", random)).isEqualTo(WeightedMapping.DROPPED).isEmpty();
    }

    @Test
    void unmappedSubjectsAndConstantDestinationsAllocateNothing() {
        // The publish path runs this per message; only a subject that is really rewritten may cost a String.
        SubjectMappings mappings = SubjectMappings.of(List.of(
                WeightedMapping.of("foo.*.bar", "x.$1"),
                WeightedMapping.of("orders.>", "o.>"),
                WeightedMapping.of("plain", "p"),
                WeightedMapping.of("kept.*", List.of())));
        String[] subjects = {"foo.x.baz", "orders", "plainer", "plain", "kept.1"};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += mappings.map(subjects[i % subjects.length], random).length();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += mappings.map(subjects[i % subjects.length], random).length();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        // One object per call would be over a megabyte; the margin is for the measuring itself.
        assertThat(allocated).isLessThan(4_096);
    }
}
