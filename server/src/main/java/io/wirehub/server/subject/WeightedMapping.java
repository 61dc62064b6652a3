package io.wirehub.server.subject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One account mapping: a source subject and the destinations its messages are spread over by
 * weight, built and checked as nats-server's AddWeightedMappings does it. When the weights add up to
 * less than 100 the rest of the messages keep their subject, unless the source itself is listed as
 * a destination: then the rest are dropped (nats-server's loss injection, e.g.
 * {@code foo: { dest: foo, weight: 80% }}).
 *
 * <p>Immutable and thread-safe; the random draw is the caller's (one generator per thread).
 */
public final class WeightedMapping {
    /** What {@link #select} returns for a dropped message: no subscription matches an empty subject. */
    public static final String DROPPED = "";
    private static final int ALL = 100;

    private final String source;
    private final List<MappingDestination> destinations;
    private final SourcePattern pattern;
    /** The destinations for a server without a cluster name, by weight, each with its cumulative upper bound. */
    private final Choice[] choices;
    /** False when one destination takes everything: no draw, as in nats-server. */
    private final boolean draws;

    /**
     * @param upTo a draw below this (and not below the previous choice's) picks this choice
     * @param keepsSubject the transform gives back the subject it is given, so it need not run
     */
    private record Choice(int upTo, SubjectTransform transform, boolean keepsSubject) {
    }

    private WeightedMapping(String source, List<MappingDestination> destinations, Choice[] choices) {
        this.source = source;
        this.destinations = destinations;
        this.pattern = new SourcePattern(source);
        this.choices = choices;
        this.draws = !(choices.length == 1 && choices[0].upTo() == ALL);
    }

    /** A plain {@code source: destination} mapping: the one destination with weight 100. */
    public static WeightedMapping of(String source, String destination) {
        return of(source, List.of(MappingDestination.of(destination, ALL)));
    }

    /**
     * A mapping over weighted destinations; with none, the source maps to itself.
     *
     * @throws IllegalArgumentException with nats-server's text for an invalid source, a destination
     *     listed twice, a weight over 100, weights (of one cluster) adding up to over 100, or an
     *     invalid destination; and for an empty destination subject, which nats-server accepts but
     *     cannot route
     */
    public static WeightedMapping of(String source, List<MappingDestination> destinations) {
        Objects.requireNonNull(source, "source");
        List<MappingDestination> configured = List.copyOf(destinations);
        if (!isValidSubject(source)) {
            throw MappingErrors.badSubject();
        }
        Set<String> seen = new HashSet<>();
        Map<String, Integer> totals = new HashMap<>();
        totals.put("", 0);
        List<Choice> everyServer = new ArrayList<>();
        for (MappingDestination d : configured) {
            if (!seen.add(d.subject())) {
                throw MappingErrors.duplicate(d.subject());
            }
            if (d.weight() < 0) {
                throw MappingErrors.invalidWeight(d.weight());
            }
            if (d.weight() > ALL) {
                throw new IllegalArgumentException(MappingErrors.INDIVIDUAL_WEIGHT);
            }
            if (totals.merge(d.cluster(), d.weight(), Integer::sum) > ALL) {
                throw new IllegalArgumentException(MappingErrors.TOTAL_WEIGHT);
            }
            if (d.subject().isEmpty()) {
                throw new IllegalArgumentException(MappingErrors.DESTINATION_SUBJECT);
            }
            DestinationSyntax.validateMappingDestination(d.subject());
            SubjectTransform transform = SubjectTransform.of(source, d.subject());
            if (!d.isClusterScoped()) {
                everyServer.add(new Choice(d.weight(), transform, false));
            }
        }
        // Each group short of 100 gets the source back for the rest, unless the source is listed
        // (then the rest is lost). Cluster groups are only checked: this server has no cluster name.
        boolean sourceListed = seen.contains(source);
        for (Map.Entry<String, Integer> group : totals.entrySet()) {
            if (group.getValue() != ALL && !sourceListed) {
                SubjectTransform remainder = SubjectTransform.of(source, numberWildcards(source));
                if (group.getKey().isEmpty()) {
                    everyServer.add(new Choice(ALL - group.getValue(), remainder, keepsSubject(source)));
                }
            }
        }
        return new WeightedMapping(source, configured, cumulative(everyServer));
    }

    public String source() {
        return source;
    }

    /** The destinations as configured (the implied remainder is not among them). */
    public List<MappingDestination> destinations() {
        return destinations;
    }

    /** Whether this mapping applies to a published subject (nats-server's subset match); allocates nothing. */
    public boolean matches(String subject) {
        return pattern.matches(subject);
    }

    /**
     * The subject a message published on {@code subject} goes to: a destination picked by weight
     * with {@code random}, applied to the subject; the subject itself when it keeps its subject
     * (or the mapping does not apply); {@link #DROPPED} when it is lost.
     */
    public String select(String subject, RandomGenerator random) {
        return matches(subject) ? selectMatched(subject, random) : subject;
    }

    /** {@link #select} for a subject already known to match. */
    String selectMatched(String subject, RandomGenerator random) {
        Choice chosen = draws ? draw(random) : choices[0];
        if (chosen == null) {
            return DROPPED;
        }
        return chosen.keepsSubject() ? subject : chosen.transform().transform(subject);
    }

    private Choice draw(RandomGenerator random) {
        int draw = random.nextInt(ALL);
        for (Choice choice : choices) {
            if (draw < choice.upTo()) {
                return choice;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return source + " -> " + destinations;
    }

    /** Sorted by weight (as nats-server sorts them), each bound the running total. */
    private static Choice[] cumulative(List<Choice> choices) {
        List<Choice> sorted = new ArrayList<>(choices);
        sorted.sort(Comparator.comparingInt(Choice::upTo));
        Choice[] result = new Choice[sorted.size()];
        int total = 0;
        for (int i = 0; i < result.length; i++) {
            Choice c = sorted.get(i);
            total += c.upTo();
            result[i] = new Choice(total, c.transform(), c.keepsSubject());
        }
        return result;
    }

    /** nats-server's transformTokenize: "foo.*.*" becomes "foo.$1.$2", so the remainder keeps the subject. */
    private static String numberWildcards(String source) {
        if (!hasWildcardToken(source)) {
            return source;
        }
        String[] tokens = source.split("\\.", -1);
        int n = 1;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals("*")) {
                tokens[i] = "$" + n++;
            }
        }
        return String.join(".", tokens);
    }

    /**
     * Whether the remainder gives back exactly the subject it matched, so it can be skipped. Not
     * when a source token starts with '*' (it matched some other token, and is written as itself)
     * or reads as a placeholder ("$1" in the source would write a wildcard's value).
     */
    private static boolean keepsSubject(String source) {
        for (String token : source.split("\\.", -1)) {
            boolean wildcard = token.equals("*") || token.equals(">");
            if (!wildcard && (token.startsWith("*") || !DestinationSyntax.parse(token).isLiteral())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWildcardToken(String subject) {
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return true;
            }
        }
        return false;
    }

    /** nats-server's IsValidSubject: no empty token, nothing after '>', no whitespace. */
    private static boolean isValidSubject(String subject) {
        if (subject.isEmpty()) {
            return false;
        }
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].isEmpty() || (i > 0 && tokens[i - 1].equals(">"))) {
                return false;
            }
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                return false;
            }
        }
        return true;
    }
}
