package io.wirehub.server.subject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A subject transform as nats-server 2.10 builds and applies it: a source subject (its wildcards
 * number the tokens) and a destination made of literal tokens, {@code $n} and functions
 * ({@code {{wildcard(n)}}}, {@code {{partition(count, n...)}}}, {@code {{split(n, delim)}}},
 * {@code {{splitFromLeft(n, at)}}}, {@code {{splitFromRight(n, at)}}},
 * {@code {{sliceFromLeft(n, size)}}}, {@code {{sliceFromRight(n, size)}}}, {@code {{left(n, len)}}},
 * {@code {{right(n, len)}}}). A destination ending in '>' carries the rest of the subject over.
 *
 * <p>The destination is parsed once ({@link TransformBuilder}); applying it walks the subject's tokens by offset and
 * builds one String, so it is fit for the publish path. Subjects follow the server's convention of
 * one char per byte: partition hashes, and the byte counts of the slicing functions, are those of
 * the subject's bytes, as in nats-server.
 *
 * <p>Quirks of nats-server kept on purpose, because mapped traffic must land where it lands there:
 * a wildcard number of 0 or below names the subject's first token; a partition count is unsigned
 * (except 0, refused here where nats-server would divide by it); a source token starting with '*'
 * matches any token (see {@link SourcePattern}). An empty destination is nats-server's "no
 * transform": subjects go through unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class SubjectTransform {
    private final String source;
    private final String destination;
    private final SourcePattern pattern;
    private final String[] sourceTokens;
    /** Whether the source has '*' or '>' tokens; without any the destination is a constant. */
    private final boolean sourceHasWildcards;
    /** The destination's tokens before a final '>', each a step; not used when {@link #constant} is set. */
    private final TransformStep[] steps;
    /** The destination ends in '>': the subject's tokens from the source's '>' on follow. */
    private final boolean tail;
    /** The result when it does not depend on the subject; null when it does. */
    private final String constant;
    /** An empty destination: nats-server's "no transform", subjects pass as they are. */
    private final boolean unchanged;

    SubjectTransform(String source, String destination, boolean sourceHasWildcards, TransformStep[] steps,
            boolean tail, String constant, boolean unchanged) {
        this.source = source;
        this.destination = destination;
        this.pattern = new SourcePattern(source);
        this.sourceTokens = source.split("\\.", -1);
        this.sourceHasWildcards = sourceHasWildcards;
        this.steps = steps;
        this.tail = tail;
        this.constant = constant;
        this.unchanged = unchanged;
    }

    /**
     * A transform for mappings and stream transforms. An empty source means '>'.
     *
     * @throws IllegalArgumentException with nats-server's text when either subject is invalid or a
     *     destination function is malformed or names a wildcard the source lacks
     */
    public static SubjectTransform of(String source, String destination) {
        return TransformBuilder.build(source, destination, false);
    }

    /**
     * A transform that must be reversible (import mappings): only {@code $n} and
     * {@code {{wildcard(n)}}}, and every '*' of the source used.
     *
     * @throws IllegalArgumentException as {@link #of}, and with nats-server's texts for another
     *     function or an unused wildcard
     */
    public static SubjectTransform strict(String source, String destination) {
        return TransformBuilder.build(source, destination, true);
    }

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    /**
     * The transformed subject when {@code subject} is a literal subject (no empty, '*' or '>'
     * token) that the source matches; empty otherwise. A '>' to '>' transform returns any subject
     * as it is, as nats-server does.
     */
    public Optional<String> match(String subject) {
        if (source.equals(">") && (destination.equals(">") || unchanged)) {
            return Optional.of(subject);
        }
        SubjectTokens tokens = SubjectTokens.of(subject);
        if (!tokens.isLiteral() || !pattern.matches(subject)) {
            return Optional.empty();
        }
        return Optional.of(transform(tokens));
    }

    /** Transforms a subject the caller knows the source matches (nats-server's TransformSubject). */
    public String transform(String subject) {
        if (unchanged) {
            return subject;
        }
        if (constant != null) {
            return constant;
        }
        return transform(SubjectTokens.of(subject));
    }

    private String transform(SubjectTokens subject) {
        if (unchanged) {
            return subject.subject();
        }
        if (constant != null) {
            return constant;
        }
        StringBuilder out = new StringBuilder(destination.length() + subject.subject().length());
        for (int i = 0; i < steps.length; i++) {
            steps[i].appendTo(out, subject);
            if (i < steps.length - 1 || tail) {
                out.append('.'); // before a final '>' too, even when no token follows (transform only)
            }
        }
        if (tail) {
            int from = sourceTokens.length - 1;
            for (int i = from; i < subject.count(); i++) {
                if (i > from) {
                    out.append('.');
                }
                subject.append(out, i);
            }
        }
        return out.toString();
    }

    /**
     * The transform back, as nats-server reverses an import's transform for its shadow
     * subscriptions: each wildcard placeholder of the destination becomes a '*' of the new source,
     * and the old source's '*' tokens take the placeholders in order. Empty where nats-server gets
     * none (the reverse is not a valid strict transform, or has fewer placeholders than wildcards).
     */
    public Optional<SubjectTransform> reverse() {
        if (unchanged) {
            return Optional.of(this);
        }
        if (!sourceHasWildcards) {
            return strictOrEmpty(destination, source);
        }
        Deque<String> placeholders = new ArrayDeque<>();
        List<String> newSource = new ArrayList<>();
        for (String token : destination.split("\\.", -1)) {
            if (DestinationSyntax.isReversiblePlaceholder(token)) {
                placeholders.add(token);
                newSource.add("*");
            } else {
                newSource.add(token);
            }
        }
        List<String> newDestination = new ArrayList<>();
        for (String token : sourceTokens) {
            if (token.equals("*")) {
                if (placeholders.isEmpty()) {
                    return Optional.empty();
                }
                newDestination.add(placeholders.poll());
            } else {
                newDestination.add(token);
            }
        }
        return strictOrEmpty(String.join(".", newSource), String.join(".", newDestination));
    }

    private static Optional<SubjectTransform> strictOrEmpty(String source, String destination) {
        try {
            return Optional.of(strict(source, destination));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return source + " -> " + destination;
    }
}
