package io.wirehub.server.subject;

import io.wirehub.server.subject.Placeholder.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a source and destination as nats-server's NewSubjectTransformWithStrict does, in its
 * order and with its texts, and turns the destination's tokens into {@link TransformStep}s.
 */
final class TransformBuilder {
    private TransformBuilder() {
    }

    static SubjectTransform build(String source, String destination, boolean strict) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        String from = source.isEmpty() ? ">" : source;
        if (destination.isEmpty()) {
            return new SubjectTransform(from, "", false, new TransformStep[0], false, null, true);
        }
        String[] fromTokens = validTokens(from);
        String[] toTokens = validTokens(destination);
        if (fromTokens == null || toTokens == null || count(toTokens, "*") > 0
                || endsWithFullWildcard(fromTokens) != endsWithFullWildcard(toTokens)) {
            throw MappingErrors.badSubject();
        }
        int[] wildcardPositions = wildcardPositions(fromTokens);
        int partials = wildcardPositions.length;
        boolean hasWildcards = partials > 0 || endsWithFullWildcard(fromTokens);
        List<TransformStep> steps = new ArrayList<>();
        boolean allLiteral = true;
        int wildcardsUsed = 0;
        String zeroPartitions = null;
        for (String token : toTokens) {
            Placeholder placeholder = DestinationSyntax.parse(token);
            boolean function = !placeholder.isLiteral();
            // In nats-server's order: the strict rule (checked only for a source with wildcards),
            // then a function with no '*' to read.
            if (function && hasWildcards && strict && placeholder.function() != Function.WILDCARD) {
                throw MappingErrors.in(MappingErrors.NOT_FOR_IMPORT, token);
            }
            if (function && partials == 0) {
                throw MappingErrors.in(MappingErrors.INDEX_OUT_OF_RANGE, token);
            }
            if (!function) {
                if (!token.equals(">")) {
                    steps.add(new TransformStep.Literal(token));
                }
                continue;
            }
            allLiteral = false;
            wildcardsUsed += placeholder.wildcards().length;
            if (placeholder.function() == Function.PARTITION && placeholder.number() == 0 && zeroPartitions == null) {
                zeroPartitions = token;
            }
            steps.add(step(placeholder, positions(placeholder, token, wildcardPositions)));
        }
        if (hasWildcards && strict && wildcardsUsed < partials) {
            throw MappingErrors.in(MappingErrors.NOT_USING_ALL_WILDCARDS, destination);
        }
        if (zeroPartitions != null) {
            // nats-server accepts this and then divides by zero on the first message: refused here,
            // after all of nats-server's own checks so that its errors still come first.
            throw MappingErrors.in(MappingErrors.INVALID_ARG, zeroPartitions);
        }
        boolean tail = endsWithFullWildcard(toTokens);
        String constant = !hasWildcards || (allLiteral && !tail) ? destination : null;
        return new SubjectTransform(from, destination, hasWildcards, steps.toArray(TransformStep[]::new), tail,
                constant, false);
    }

    /** The subject tokens a function reads, from the wildcard numbers written in it. */
    private static int[] positions(Placeholder placeholder, String token, int[] wildcardPositions) {
        long[] numbers = placeholder.wildcards();
        int[] positions = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            long n = numbers[i];
            if (n > wildcardPositions.length) {
                throw MappingErrors.in(MappingErrors.INDEX_OUT_OF_RANGE, token + ": [" + n + "]");
            }
            // nats-server looks the number up in a map of 1..count; a miss reads as 0, the first token.
            positions[i] = n >= 1 ? wildcardPositions[(int) n - 1] : 0;
        }
        return positions;
    }

    private static TransformStep step(Placeholder p, int[] positions) {
        int first = positions[0];
        return switch (p.function()) {
            case WILDCARD -> new TransformStep.Wildcard(first);
            case PARTITION -> new TransformStep.Partition(p.number(), positions);
            case SPLIT_FROM_LEFT -> new TransformStep.SplitFromLeft(first, p.number());
            case SPLIT_FROM_RIGHT -> new TransformStep.SplitFromRight(first, p.number());
            case SLICE_FROM_LEFT -> new TransformStep.SliceFromLeft(first, p.number());
            case SLICE_FROM_RIGHT -> new TransformStep.SliceFromRight(first, p.number());
            case SPLIT -> new TransformStep.Split(first, p.delimiter());
            case LEFT -> new TransformStep.Left(first, p.number());
            case RIGHT -> new TransformStep.Right(first, p.number());
            case LITERAL -> throw new IllegalStateException("a literal is not a function");
        };
    }

    /** nats-server's subjectInfo validity: no empty token and nothing after '>'; whitespace is allowed. */
    private static String[] validTokens(String subject) {
        if (subject.isEmpty()) {
            return null;
        }
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].isEmpty() || (i > 0 && tokens[i - 1].equals(">"))) {
                return null;
            }
        }
        return tokens;
    }

    private static boolean endsWithFullWildcard(String[] tokens) {
        return tokens[tokens.length - 1].equals(">");
    }

    private static int count(String[] tokens, String token) {
        int n = 0;
        for (String t : tokens) {
            if (t.equals(token)) {
                n++;
            }
        }
        return n;
    }

    private static int[] wildcardPositions(String[] tokens) {
        int[] positions = new int[count(tokens, "*")];
        int n = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals("*")) {
                positions[n++] = i;
            }
        }
        return positions;
    }
}
