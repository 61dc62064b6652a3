package io.wirehub.server.subject;

/**
 * What one destination token asks for, as written: a literal, or a function with the wildcard
 * numbers it names (1-based, as typed: not yet checked against the source) and its other argument.
 *
 * @param wildcards the wildcard numbers, Go ints as typed (0 and negatives are legal, see
 *     {@link SubjectTransform})
 * @param number the function's number (partitions, position, size, length), already cut to a Go
 *     int32 as nats-server stores it
 * @param delimiter split's delimiter; empty for the others
 */
record Placeholder(Function function, long[] wildcards, int number, String delimiter) {
    static final Placeholder LITERAL = new Placeholder(Function.LITERAL, new long[0], -1, "");

    enum Function {
        LITERAL, WILDCARD, PARTITION, SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT, SLICE_FROM_LEFT, SLICE_FROM_RIGHT, SPLIT,
        LEFT, RIGHT
    }

    boolean isLiteral() {
        return function == Function.LITERAL;
    }
}
