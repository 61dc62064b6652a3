package io.wirehub.server.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weighted mappings as nats-server's AddWeightedMappings builds them and selectMappedSubject picks. */
class WeightedMappingTest {
    private static final int DRAWS = 100_000;
    /** A random that fails the test if drawn from: the single-destination case must not draw. */
    private static final RandomGenerator NO_DRAW = () -> {
        throw new AssertionError("drew a random number");
    };

    @Test
    void aPlainMappingTakesEverythingWithoutDrawing() {
        WeightedMapping mapping = WeightedMapping.of("foo", "bar");
        assertThat(mapping.destinations()).containsExactly(MappingDestination.of("bar", 100));
        assertThat(mapping.select("foo", NO_DRAW)).isEqualTo("bar");
        assertThat(WeightedMapping.of("foo.*.*", "bar.$2.$1").select("foo.1.2", NO_DRAW)).isEqualTo("bar.2.1");
    }

    @Test
    void aSubjectTheSourceDoesNotMatchIsLeftAlone() {
        String subject = "other";
        assertThat(WeightedMapping.of("foo", "bar").select(subject, NO_DRAW)).isSameAs(subject);
    }

    @Test
    void withoutDestinationsTheSourceMapsToItself() {
        WeightedMapping mapping = WeightedMapping.of("foo.*", List.of());
        String subject = "foo.x";
        assertThat(mapping.select(subject, NO_DRAW)).isSameAs(subject);
    }

    @Test
    void weightsShortOf100LeaveTheRestOnTheSubject() {
        // TestAccountMultiWeightedRouteMappings: 50 bar, 30 baz, the implied 20 keeps foo.
        WeightedMapping mapping = WeightedMapping.of("foo",
                List.of(MappingDestination.of("bar", 50), MappingDestination.of("baz", 30)));
        Map<String, Integer> counts = draw(mapping, "foo");
        assertThat(counts).containsOnlyKeys("foo", "bar", "baz");
        assertAbout(counts.get("bar"), 50);
        assertAbout(counts.get("baz"), 30);
        assertAbout(counts.get("foo"), 20);
    }

    @Test
    void weightsApplyToWildcardDestinations() {
        // TestGlobalAccountRouteMappingsConfiguration's foo.* mapping.
        WeightedMapping mapping = WeightedMapping.of("foo.*",
                List.of(MappingDestination.of("bar.v1.$1", 40), MappingDestination.of("baz.v2.$1", 20)));
        Map<String, Integer> counts = draw(mapping, "foo.22");
        assertAbout(counts.get("bar.v1.22"), 40);
        assertAbout(counts.get("baz.v2.22"), 20);
        assertAbout(counts.get("foo.22"), 40);
    }

    @Test
    void theRemainderReturnsTheSameSubjectInstance() {
        WeightedMapping mapping = WeightedMapping.of("foo.*", List.of(MappingDestination.of("bar.$1", 1)));
        String subject = "foo.x";
        RandomGenerator random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            String mapped = mapping.select(subject, random);
            if (!mapped.equals("bar.x")) {
                assertThat(mapped).isSameAs(subject);
            }
        }
    }

    @Test
    void listingTheSourceDropsTheRest() {
        // TestAccountRouteMappingsWithLossInjection: foo keeps 80%, bar loses everything.
        Map<String, Integer> foo = draw(WeightedMapping.of("foo", List.of(MappingDestination.of("foo", 80))), "foo");
        assertAbout(foo.get("foo"), 80);
        assertAbout(foo.get(WeightedMapping.DROPPED), 20);
        Map<String, Integer> bar = draw(WeightedMapping.of("bar", List.of(MappingDestination.of("bar", 0))), "bar");
        assertThat(bar).containsOnlyKeys(WeightedMapping.DROPPED);
    }

    @Test
    void clusterScopedDestinationsDoNotApplyWithoutAClusterName() {
        // TestAccountRouteMappingsWithOriginClusterFilter, before the server gets its cluster name.
        WeightedMapping mapping = WeightedMapping.of("foo", List.of(new MappingDestination("bar", 100, "SYN")));
        assertThat(mapping.select("foo", NO_DRAW)).isEqualTo("foo");
        // Each cluster's weights add up on their own.
        assertThat(WeightedMapping.of("foo", List.of(MappingDestination.of("a", 60), new MappingDestination("b", 60, "SYN")))
                .destinations()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // TestAccountMultiWeightedRouteMappings's refusals (destinations: subject@weight@cluster;...)
            "foo      | bar@150               | individual weights need to be <= 100",
            "foo      | bar@50;bar@50         | duplicate entry for \"bar\"",
            "foo      | bar@50;baz@60         | total weight needs to be <= 100",
            "foo      | bar@50@SYN;baz@60@SYN | total weight needs to be <= 100",
            "foo      | bar@50@SYN;bar@10     | duplicate entry for \"bar\"",
            // a duplicate is found before its weight is looked at
            "foo      | bar@50;bar@150        | duplicate entry for \"bar\"",
            "foo      | bar@-1                | Invalid weight -1 for mapping destination",
            // the source, checked as a subject
            "foo bar  | x@100                 | invalid subject",
            "foo..bar | x@100                 | invalid subject",
            "foo.>.x  | x@100                 | invalid subject",
            // ValidateMappingDestination: 2.10 does not list left() and right() for mappings
            "foo.*    | x.{{left(1,2)}}@100   | invalid mapping destination: unknown function in {{left(1,2)}}",
            "foo.*    | x.{{Right(1,2)}}@100  | invalid mapping destination: unknown function in {{Right(1,2)}}",
            "foo.*    | x.{{nope(1)}}@100     | invalid mapping destination: unknown function in {{nope(1)}}",
            "foo.*    | x.b c@100             | invalid mapping destination: invalid subject",
            "foo.*    | x..$1@100             | 'invalid mapping destination: invalid subject in '",
            "foo.>    | x.>.y@100             | invalid mapping destination: invalid subject in y",
            // then the transform's own checks
            "foo.*    | x.$2@100              | invalid mapping destination: wildcard index out of range in $2: [2]",
            "foo.*    | x.*@100               | invalid subject",
            "foo      | x.{{wildcard(1)}}@100 | invalid mapping destination: wildcard index out of range in {{wildcard(1)}}",
            // the remainder "foo.$2.$1" reads the source's "$2" as a wildcard: out of range
            "foo.$2.* | x.$1@50               | invalid mapping destination: wildcard index out of range in $2: [2]",
            // nats-server takes an empty destination and then fails on the first message
            "foo      | @100                  | invalid mapping destination: invalid subject"})
    void refusesWithNatsServersText(String source, String destinations, String message) {
        assertThatThrownBy(() -> WeightedMapping.of(source, parse(destinations)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aDuplicateIsQuotedAsGoQuotesIt() {
        assertThatThrownBy(() -> WeightedMapping.of("foo",
                List.of(MappingDestination.of("a\"b\u00c3\u00a9\u0001", 10), MappingDestination.of("a\"b\u00c3\u00a9\u0001", 10))))
                .hasMessage("duplicate entry for \"a\\\"b\u00c3\u00a9\\x01\"");
    }

    @Test
    void aSourceWhoseRemainderIsNotTheSubjectStillMapsAsNatsServer() {
        // The remainder of "*.$0.>" is "$1.$0.>": "$0" writes the first token (nats-server's map miss).
        WeightedMapping mapping = WeightedMapping.of("*.$0.>", List.of());
        assertThat(mapping.select("x.$0.y", NO_DRAW)).isEqualTo("x.x.y");
    }

    private static List<MappingDestination> parse(String text) {
        return java.util.Arrays.stream(text.split(";")).map(entry -> {
            String[] parts = entry.split("@", -1);
            String cluster = parts.length > 2 ? parts[2] : "";
            return new MappingDestination(parts[0], Integer.parseInt(parts[1]), cluster);
        }).toList();
    }

    /** How often each subject comes out of DRAWS selections with a fixed seed. */
    private static Map<String, Integer> draw(WeightedMapping mapping, String subject) {
        RandomGenerator random = new SplittableRandom(20_240_611);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(mapping.select(subject, random), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Within 1.5 percentage points of the weight: more than 9 standard deviations at 100,000 draws,
     * so a correct selection never fails, and a wrong cut (off by one of 100) still shows.
     */
    private static void assertAbout(Integer count, int percent) {
        assertThat(count).isNotNull().isBetween(DRAWS * percent / 100 - 1_500, DRAWS * percent / 100 + 1_500);
    }
}
